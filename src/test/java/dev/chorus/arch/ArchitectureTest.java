package dev.chorus.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rules of docs/architecture.md, checked on the compiled main classes. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.chorus");
  }

  @Test
  void mediaIsPlainJava() {
    noClasses()
        .that()
        .resideInAPackage("dev.chorus.media..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "jakarta..",
            "javax.naming..",
            "org.eclipse.microprofile..",
            "dev.chorus.im..",
            "dev.chorus.api..",
            "dev.chorus.signaling..",
            "dev.chorus.config..",
            "dev.chorus.admin..",
            "dev.chorus.web..")
        .because("the media plane is testable without a container")
        .check(classes);
  }

  @Test
  void mediaLayersPointDownwards() {
    noClasses()
        .that()
        .resideInAPackage("dev.chorus.media.rtp..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.chorus.media.srtp..",
            "dev.chorus.media.dtls..",
            "dev.chorus.media.ice..",
            "dev.chorus.media.sfu..")
        .check(classes);
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.chorus.media.srtp..", "dev.chorus.media.dtls..", "dev.chorus.media.ice..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.chorus.media.sfu..")
        .check(classes);
  }

  @Test
  void sfuConcernsPointAtTheRouterNeverBack() {
    String router = "dev.chorus.media.sfu";
    String transport = "dev.chorus.media.sfu.transport..";
    String stream = "dev.chorus.media.sfu.stream..";
    String bwe = "dev.chorus.media.sfu.bwe..";
    String echo = "dev.chorus.media.sfu.echo..";
    noClasses()
        .that()
        .resideInAPackage(transport)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(router, stream, bwe, echo)
        .because("the transport layer knows nothing of what is done with its packets")
        .check(classes);
    noClasses()
        .that()
        .resideInAnyPackage(stream, bwe)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(router, transport, echo)
        .because("per-stream logic and estimation are pure, tested without transports or routers")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage(stream)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(bwe)
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage(bwe)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(stream)
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage(echo)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(router, stream, bwe)
        .because("the connection test uses transports only")
        .check(classes);
  }

  @Test
  void imKnowsNothingOfTheEdges() {
    noClasses()
        .that()
        .resideInAPackage("dev.chorus.im..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.chorus.api..",
            "dev.chorus.signaling..",
            "dev.chorus.media..",
            "dev.chorus.config..",
            "dev.chorus.admin..",
            "dev.chorus.web..",
            "dev.chorus.sso..",
            "jakarta.ws.rs..",
            "jakarta.websocket..",
            "jakarta.servlet..")
        .because("edges observe the domain's CDI events, never the other way round")
        .check(classes);
  }

  @Test
  void restAndSocketsStayApart() {
    noClasses()
        .that()
        .resideInAPackage("dev.chorus.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.chorus.signaling..", "dev.chorus.media..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.chorus.signaling..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.chorus.api..")
        .check(classes);
  }

  @Test
  void theStreamsEdgeTranslatesOnly() {
    noClasses()
        .that()
        .resideInAPackage("dev.chorus.streams..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.chorus.media..",
            "dev.chorus.signaling",
            "dev.chorus.signaling.room..",
            "dev.chorus.signaling.call..",
            "jakarta.websocket..")
        .because("WHIP/WHEP reach room media only through signaling.media.RoomStreams")
        .check(classes);
    noClasses()
        .that()
        .resideInAnyPackage("dev.chorus.api..", "dev.chorus.signaling..", "dev.chorus.im..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.chorus.streams..")
        .check(classes);
  }

  @Test
  void theWireShapesServeBothEdges() {
    noClasses()
        .that()
        .resideInAPackage("dev.chorus.wire..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.chorus.api..",
            "dev.chorus.signaling..",
            "dev.chorus.media..",
            "dev.chorus.admin..",
            "jakarta.ws.rs..",
            "jakarta.websocket..")
        .because("REST and the socket both send these shapes, so they may know neither")
        .check(classes);
  }

  @Test
  void onlySignalingAndConfigTalkToTheSfu() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "dev.chorus.media..",
            "dev.chorus.signaling..",
            "dev.chorus.config..",
            "dev.chorus.admin..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.chorus.media.sfu..")
        .check(classes);
  }

  @Test
  void noConsoleOutputNoStackTraceDumpsNoRawThreads() {
    NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(classes);
    noClasses()
        .should()
        .callMethod(Throwable.class, "printStackTrace")
        .orShould()
        .callConstructor(Thread.class)
        .orShould()
        .callConstructor(Thread.class, Runnable.class)
        .orShould()
        .callConstructor(Thread.class, Runnable.class, String.class)
        .orShould()
        .callConstructor(Thread.class, String.class)
        .because("threads come from the container (ManagedExecutorService/ThreadFactory)")
        .check(classes);
  }

  @Test
  void onlyPortableApis() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "fish.payara..",
            "com.sun.enterprise..",
            "org.glassfish..",
            "org.jboss..",
            "org.wildfly..",
            "io.undertow..",
            "org.jboss.resteasy..")
        .because("the same WAR deploys to Payara and WildFly")
        .check(classes);
  }
}
