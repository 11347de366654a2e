package dev.chorus.it;

import java.io.File;
import java.net.URI;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Where the Chorus under test runs, and the WAR that {@code mvn package} built (tests deploy the
 * real artifact, never a hand-picked list of classes).
 */
public final class ChorusServer {
  private ChorusServer() {}

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

  public static URI wss() {
    return URI.create("wss://localhost:" + System.getProperty("it.https.port", "18181") + "/ws");
  }
}
