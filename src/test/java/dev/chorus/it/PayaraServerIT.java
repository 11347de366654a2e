package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.e2e.AppServerChecks;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The same {@code target/chorus.war} on Payara Server 6 (the full server, from Maven Central) with
 * PostgreSQL: a domain made, configured and deployed to only by server-config/payara-server's
 * scripts, as its README tells an operator; then HTTPS with the given certificate, the database in
 * the readiness check, the SFU on the configured ports, two Chromiums chatting and decoding each
 * other through it, and after {@code asadmin restart-domain} the data still there. One domain for
 * all of it (the restart comes last).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraServerIT {
  /** The pool size the test configures, unlike the default (2 to 32). */
  private static final int POOL = 5;

  private static final String ADMIN = "ps-admin";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static PostgresProcess postgres;
  private static Slapd directory;
  private static PayaraServerProcess server;
  private static TestClient client;
  private static AppServerChecks.Target target;
  private static AppServerChecks.Left left;

  @BeforeAll
  static void startPayaraServer() throws IOException {
    var war = Path.of(System.getProperty("chorus.war", "target/chorus.war"));
    var build = war.toAbsolutePath().getParent();
    postgres = PostgresProcess.start(build.resolve("postgres-payara-server"));
    int udp = PayaraProcess.freePort();
    int tcp = PayaraProcess.freePort();
    directory = TestDirectory.start(build.resolve("payara-server-ldap"));
    var properties = new HashMap<String, String>(TestDirectory.settings(directory));
    properties.putAll(AppServerChecks.singleSignOnSettings());
    properties.putAll(
        Map.of(
            "chorus.media.udp-port", Integer.toString(udp),
            "chorus.media.tcp-port", Integer.toString(tcp),
            "chorus.admins", ADMIN,
            "chorus.admin.initial-password", "admin password",
            "chorus.db.url", postgres.jdbcUrl(),
            "chorus.db.user", postgres.user(),
            "chorus.db.password", postgres.password(),
            "chorus.db.pool.min", Integer.toString(POOL),
            "chorus.db.pool.max", Integer.toString(POOL)));
    var setup =
        new PayaraServerProcess.Setup(
            Path.of(
                System.getProperty(
                    "payara.server.home", build.resolve("payara-server/payara6").toString())),
            Path.of(
                System.getProperty("chorus.payara-server.config", "server-config/payara-server")),
            build.resolve("payara-server-it"),
            properties,
            Path.of(System.getProperty("chorus.keystore")),
            System.getProperty("chorus.keystore.password"));
    server = PayaraServerProcess.start(setup, war);
    client = new TestClient(server.https());
    target = new AppServerChecks.Target("Payara Server", server.https(), udp, tcp);
  }

  @AfterAll
  static void stopPayaraServer() {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      if (postgres != null) {
        postgres.close();
      }
      if (directory != null) {
        directory.close();
      }
    }
  }

  /** The WAR's own datasource reached PostgreSQL with the URL the domain's config gave it. */
  @Test
  @Order(1)
  void readinessIncludesThePostgresqlDatabase() {
    var ready = client.get("health/ready", null);
    assertEquals(200, ready.status(), ready.text());
    var database =
        ready.json().getJsonArray("checks").stream()
            .map(JsonObject.class::cast)
            .filter(c -> c.getString("name").equals("database"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no database check: " + ready.text()));
    assertEquals("UP", database.getString("status"));
    assertEquals("PostgreSQL", database.getJsonObject("data").getString("product"));
  }

  /** The listener serves the imported certificate, over HTTP/1.1; plain HTTP redirects to it. */
  @Test
  @Order(2)
  void httpsServesTheGivenCertificateAndHttpRedirects() throws Exception {
    var res =
        client
            .http()
            .send(
                HttpRequest.newBuilder(server.https().resolve("index.html")).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.discarding());
    assertEquals(200, res.statusCode());
    assertEquals(java.net.http.HttpClient.Version.HTTP_1_1, res.version(), "HTTP/2 is off");
    var certificate = (X509Certificate) res.sslSession().orElseThrow().getPeerCertificates()[0];
    var subject = certificate.getSubjectX500Principal().getName();
    assertTrue(subject.contains("O=Chorus development"), subject);

    var reply = new TestClient(server.http()).get("index.html", null);
    assertEquals(301, reply.status());
    assertEquals(
        server.https().resolve("index.html").toString(),
        reply.headers().firstValue("location").orElseThrow());
  }

  /** The media engine runs on the ports from the domain's config; admins come from it too. */
  @Test
  @Order(3)
  void mediaEngineRunsOnTheConfiguredPorts() {
    var admin = client.login(ADMIN, "admin password");
    assertEquals(201, admin.status(), admin.text());
    var media = client.get("api/admin/media", admin.json().getString("token"));
    assertEquals(200, media.status(), media.text());
    assertTrue(media.json().getBoolean("running"), media.text());
    assertEquals(target.udpPort(), media.json().getInt("udpPort"));
    assertEquals(target.tcpPort(), media.json().getInt("tcpPort"));
  }

  /** Login, chat and two Chromiums decoding each other through the SFU on Payara Server. */
  @Test
  @Order(3)
  void openApiDescribesEveryEndpoint() {
    AppServerChecks.openApiDescribesEveryEndpoint(target);
  }

  @Test
  @Order(4)
  void twoBrowsersChatAndDecodeEachOtherThroughTheSfu() {
    left = AppServerChecks.loginChatAndRoomMedia(target);
  }

  /** Last: asadmin restart-domain; accounts, sessions, messages and rooms are kept. */
  /** Single sign-on with a real Keycloak works on this server too (the bundled OIDC client). */
  @Test
  @Order(5)
  void aUserSignsInWithSingleSignOn() {
    AppServerChecks.singleSignOn(target);
  }

  /** Sign-in with the company directory works on this server too (JNDI LDAP from the WAR). */
  @Test
  @Order(5)
  void aDirectoryUserSignsIn() {
    TestDirectory.assertSignsIn(client);
  }

  /** The pool size from chorus.properties reached the application (unlike the default 2 to 32). */
  @Test
  @Order(6)
  void thePoolHoldsTheConfiguredNumberOfConnections() {
    postgres.awaitConnectionsOfChorus(POOL, "Chorus on Payara Server");
  }

  @Test
  @Order(7)
  void restartKeepsTheData() {
    assertNotNull(left, "the browser test failed before leaving data to look for");
    server.restart();
    AppServerChecks.keptAfterRestart(target, left);
  }
}
