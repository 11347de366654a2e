package dev.chorus.it;

import java.io.File;
import java.net.URI;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Where the Chorus under test runs, and the WAR that {@code mvn package} built (tests deploy the
 * real artifact, never a hand-picked list of classes).
 */
public final class ChorusServer {
  private ChorusServer() {}

  /** The deployment of the whole test run (see arquillian.xml). */
  @Deployment(testable = false)
  public static WebArchive suiteDeployment() {
    var databaseError = System.getProperty("it.db.error");
    if (databaseError != null) {
      throw new IllegalStateException(
          "No database for the Arquillian suite (SuitePostgres): " + databaseError);
    }
    return war();
  }

  public static WebArchive war() {
    var war = new File(System.getProperty("chorus.war", "target/chorus.war"));
    return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
  }

  public static URI https() {
    return URI.create("https://localhost:" + System.getProperty("it.https.port", "18181") + "/");
  }

  public static URI http() {
    return URI.create("http://localhost:" + System.getProperty("it.http.port", "18080") + "/");
  }

  /** The media server's UDP port (one for every session). */
  public static int mediaUdpPort() {
    return Integer.getInteger("it.media.udp.port", 18100);
  }

  /** The media server's ICE-TCP port. */
  public static int mediaTcpPort() {
    return Integer.getInteger("it.media.tcp.port", 18143);
  }

  /**
   * The administrator configured for the test server (chorus.admins). The server creates its
   * account at startup with {@link #ADMIN_PASSWORD} (chorus.admin.initial-password): the name is
   * reserved, so tests cannot register it.
   */
  public static final String ADMIN = "it-admin";

  public static final String ADMIN_PASSWORD = "admin-password";

  public static URI wss() {
    return URI.create("wss://localhost:" + System.getProperty("it.https.port", "18181") + "/ws");
  }
}
