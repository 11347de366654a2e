package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.e2e.AppServerChecks;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The same {@code target/chorus.war} the Payara tests deploy, on WildFly with PostgreSQL: the
 * server the build provisioned into {@code target/wildfly}, configured only with the scripts in
 * {@code server-config/wildfly} (the PostgreSQL driver module and datasource, HTTPS) and one
 * properties file, as its README tells an operator; then checked over HTTPS and WebSocket like a
 * client would, by two Chromiums chatting and decoding each other through the SFU, and once more
 * after a restart of the server. One server start for all of it (the checks share it, the restart
 * comes last). No Arquillian: its Payara adapter is the one on the classpath.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WildFlyServerIT {
  /** The pool size the test configures, unlike the default (2 to 32). */
  private static final int POOL = 5;

  private static final String ADMIN = "wf-admin";
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final int UDP_PORT = Integer.getInteger("it.wildfly.media.udp.port", 28100);
  private static final int TCP_PORT = Integer.getInteger("it.wildfly.media.tcp.port", 28143);

  private static PostgresProcess postgres;
  private static Slapd directory;
  private static WildFlyProcess server;
  private static TestClient client;
  private static AppServerChecks.Target target;
  private static AppServerChecks.Left left;

  @BeforeAll
  static void startWildFly() {
    var war = Path.of(System.getProperty("chorus.war", "target/chorus.war"));
    var build = war.toAbsolutePath().getParent();
    var config = Path.of(System.getProperty("chorus.wildfly.config", "server-config/wildfly"));
    int offset = Integer.getInteger("it.wildfly.port.offset", 20000);
    postgres = PostgresProcess.start(build.resolve("postgres-wildfly"));
    directory = TestDirectory.start(build.resolve("wildfly-ldap"));
    var properties = new HashMap<String, String>(TestDirectory.settings(directory));
    properties.putAll(AppServerChecks.singleSignOnSettings());
    properties.putAll(
        Map.ofEntries(
            Map.entry("ice4j.harvest.mapping.aws.enabled", "false"),
            Map.entry("chorus.https.port", Integer.toString(8443 + offset)),
            Map.entry("chorus.media.udp-port", Integer.toString(UDP_PORT)),
            Map.entry("chorus.media.tcp-port", Integer.toString(TCP_PORT)),
            Map.entry("chorus.admins", ADMIN),
            Map.entry("chorus.admin.initial-password", "admin password"),
            Map.entry("chorus.tls.keystore", System.getProperty("chorus.keystore")),
            Map.entry(
                "chorus.tls.keystore-password", System.getProperty("chorus.keystore.password")),
            Map.entry("chorus.db.url", postgres.jdbcUrl()),
            Map.entry("chorus.db.user", postgres.user()),
            Map.entry("chorus.db.password", postgres.password()),
            Map.entry("chorus.db.pool.min", Integer.toString(POOL)),
            Map.entry("chorus.db.pool.max", Integer.toString(POOL)),
            Map.entry("chorus.pg.jar", PostgresDriver.jar(war, build).toString())));
    var setup =
        new WildFlyProcess.Setup(
            Path.of(System.getProperty("wildfly.home", build.resolve("wildfly").toString())),
            build.resolve("wildfly-it"),
            offset,
            properties,
            List.of(config.resolve("datasource-postgresql.cli"), config.resolve("https.cli")));
    server = WildFlyProcess.start(setup, war);
    client = new TestClient(server.https());
    target = new AppServerChecks.Target("WildFly", server.https(), UDP_PORT, TCP_PORT);
  }

  @AfterAll
  static void stopWildFly() {
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

  /** Login, chat and two Chromiums decoding each other through the SFU on WildFly's media port. */
  @Test
  @Order(1)
  void twoBrowsersChatAndDecodeEachOtherThroughTheSfu() {
    left = AppServerChecks.loginChatAndRoomMedia(target);
  }

  /**
   * After the browsers used it, the datasource of {@code datasource-postgresql.cli} holds exactly
   * {@code chorus.db.pool.min} = {@code .max} connections: the pool-size expressions resolve.
   */
  @Test
  @Order(2)
  void thePoolHoldsTheConfiguredNumberOfConnections() {
    postgres.awaitConnectionsOfChorus(POOL, "WildFly's ChorusDS");
  }

  /** Single sign-on with a real Keycloak works on this server too (the bundled OIDC client). */
  @Test
  void aUserSignsInWithSingleSignOn() {
    AppServerChecks.singleSignOn(target);
  }

  /** Sign-in with the company directory works on this server too (JNDI LDAP from the WAR). */
  @Test
  void aDirectoryUserSignsIn() {
    TestDirectory.assertSignsIn(client);
  }

  /** Last: WildFly stopped and started again; accounts, sessions, messages and rooms are kept. */
  @Test
  @Order(Integer.MAX_VALUE)
  void restartKeepsTheData() {
    assertNotNull(left, "the browser test failed before leaving data to look for");
    server.restart();
    AppServerChecks.keptAfterRestart(target, left);
  }

  @Test
  void healthIsUpAndReadinessIncludesTheDatabase() {
    assertEquals("UP", health("health/live").getString("status"));
    var ready = health("health/ready");
    assertEquals("UP", ready.getString("status"), ready.toString());
    var database =
        ready.getJsonArray("checks").stream()
            .map(JsonObject.class::cast)
            .filter(c -> c.getString("name").equals("database"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no database check: " + ready));
    assertEquals("UP", database.getString("status"));
    assertEquals("PostgreSQL", database.getJsonObject("data").getString("product"));
  }

  /**
   * The WAR's own Micrometer on WildFly: a scrape from loopback (allowed when no token is set) that
   * the Prometheus parser accepts, with the media engine up; health has the heartbeat, media
   * threads and media ports checks UP.
   */
  @Test
  void metricsScrapeParsesAndHealthHasTheMediaChecks() {
    // A request refused by the bearer filter is timed too, under its route template.
    assertEquals(401, client.get("api/rooms", null).status());
    var scrape = Scrape.of(client, null, false);
    assertEquals(1.0, scrape.value("chorus_media_up"), scrape.names().toString());
    var refused = Map.of("method", "GET", "route", "/api/rooms", "status", "401");
    assertTrue(scrape.value("chorus_rest_requests_seconds_count", refused) >= 1);
    var names = new TreeSet<String>();
    for (var path : new String[] {"health/live", "health/ready"}) {
      var health = health(path);
      assertEquals("UP", health.getString("status"), health.toString());
      health.getJsonArray("checks").forEach(c -> names.add(c.asJsonObject().getString("name")));
    }
    assertTrue(
        names.containsAll(Set.of("heartbeat", "media-threads", "media-ports", "database")),
        names.toString());
  }

  /** https.cli gave the HTTPS listener the configured key store, with TLS 1.3 enabled. */
  @Test
  void httpsServesTheConfiguredCertificateWithTls13() throws Exception {
    var res =
        client
            .http()
            .send(
                HttpRequest.newBuilder(server.https().resolve("index.html")).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.discarding());
    assertEquals(200, res.statusCode());
    var session = res.sslSession().orElseThrow();
    assertEquals("TLSv1.3", session.getProtocol());
    var certificate = (X509Certificate) session.getPeerCertificates()[0];
    var subject = certificate.getSubjectX500Principal().getName();
    assertTrue(subject.contains("O=Chorus development"), subject);
  }

  @Test
  void plainHttpRedirectsToHttps() {
    var reply = new TestClient(server.http()).get("index.html", null);
    assertEquals(301, reply.status());
    assertEquals(
        server.https().resolve("index.html").toString(),
        reply.headers().firstValue("location").orElseThrow());
  }

  @Test
  void registerAndLoginWithJsonErrorsForBadInput() {
    var name = TestClient.uniqueName("wf");
    var registered = client.register(name, "correct horse", "Wild Fly");
    assertEquals(201, registered.status(), registered.text());
    assertEquals(name, registered.json().getString("username"));
    assertEquals(409, client.register(name, "other pass", "Again").status());

    // The password was hashed with Argon2id at registration and verified here.
    var login = client.login(name, "correct horse");
    assertEquals(201, login.status(), login.text());
    var me = client.get("api/accounts/me", login.json().getString("token"));
    assertEquals(200, me.status(), me.text());
    assertEquals("Wild Fly", me.json().getString("displayName"));

    var wrong = client.login(name, "wrong horse");
    assertEquals(401, wrong.status());
    AccountsIT.assertProblem(wrong, 401);
    var invalid = client.register("ab", "short", " ");
    AccountsIT.assertProblem(invalid, 400);
    assertEquals(
        "displayName,password,username",
        invalid.json().getJsonArray("errors").stream()
            .map(e -> e.asJsonObject().getString("field"))
            .sorted()
            .collect(Collectors.joining(",")));
    AccountsIT.assertProblem(client.send("POST", "api/accounts", "{not json", null), 400);
    // The container's own error page (web.xml) answers as JSON on WildFly too.
    AccountsIT.assertProblem(client.get("no-such-file.html", null), 404);
    AccountsIT.assertProblem(client.get("api/accounts/me", null), 401);
  }

  @Test
  void socketGivesAPresenceSnapshotAndCarriesADirectMessageBothWays() {
    var alice = Users.create(client, "wfa");
    var bob = Users.create(client, "wfb");
    try (var a = WsClient.connect(client, server.wss(), alice.token())) {
      assertEquals(alice.username(), a.nextOfType("welcome").getString("username"));
      a.presenceSnapshotUsers();
      try (var b = WsClient.connect(client, server.wss(), bob.token())) {
        b.nextOfType("welcome");
        var snapshot = b.presenceSnapshotUsers();
        // The admin list of live connections knows where each socket came from here too.
        var admin = client.login(ADMIN, "admin password").json().getString("token");
        var live = client.get("api/admin/connections", admin);
        assertEquals(200, live.status(), live.text());
        var aliceTab =
            live.json().getJsonArray("items").stream()
                .map(u -> u.asJsonObject())
                .filter(u -> u.getJsonObject("user").getString("username").equals(alice.username()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(live.text()))
                .getJsonArray("tabs")
                .getJsonObject(0);
        assertTrue(!aliceTab.getString("address", "").isEmpty(), live.text());
        assertTrue(!aliceTab.getString("userAgent", "").isEmpty(), live.text());
        assertTrue(
            snapshot.stream().anyMatch(u -> u.getString("username").equals(alice.username())),
            "bob's snapshot lists alice: " + snapshot);

        var ack = Users.send(a, bob.username(), "Hello from WildFly", "wf-1");
        assertEquals("chat.ack", ack.getString("type"), ack.toString());
        assertEquals(
            ack.getJsonObject("message"), b.nextOfType("chat.message").getJsonObject("message"));
        var reply = Users.send(b, alice.username(), "Hello back", "wf-2");
        assertEquals("chat.ack", reply.getString("type"), reply.toString());
        var got = a.next(m -> m.getString("type").equals("chat.message"), WAIT);
        assertEquals("Hello back", got.getJsonObject("message").getString("text"));
      }
    }
    var history = alice.get("api/conversations/" + bob.username() + "/messages");
    assertEquals(200, history.status(), history.text());
    assertEquals(2, history.json().getJsonArray("items").size(), history.text());
  }

  @Test
  void socketWithoutATokenIsRefused() {
    try (var ws = WsClient.connect(client, server.wss(), "")) {
      // An auth message without a usable token is refused at once (1008 and a reason).
      assertEquals(1008, ws.awaitClose(WAIT).code());
    }
  }

  /** The microprofile-openapi layer serves /openapi with the application's annotations. */
  @Test
  void openApiDescribesEveryEndpoint() {
    AppServerChecks.openApiDescribesEveryEndpoint(target);
  }

  @Test
  void roomIsCreatedAndListed() {
    var owner = Users.create(client, "wfr");
    var room = Rooms.create(owner, "public", null);
    assertNotNull(room.getString("id"));
    var listed = owner.get("api/rooms?q=" + room.getString("name").substring(5));
    assertEquals(200, listed.status(), listed.text());
    assertTrue(
        listed.json().getJsonArray("items").stream()
            .anyMatch(r -> r.asJsonObject().getString("id").equals(room.getString("id"))),
        listed.text());
  }

  /**
   * The SFU started with the container's ManagedScheduledExecutorService and ManagedThreadFactory,
   * and holds its ports.
   */
  @Test
  void mediaEngineRunsOnTheContainersThreads() {
    var admin = client.login(ADMIN, "admin password").json().getString("token");
    var media = client.get("api/admin/media", admin);
    assertEquals(200, media.status(), media.text());
    var stats = media.json();
    assertTrue(stats.getBoolean("running"), stats.toString());
    assertEquals(UDP_PORT, stats.getInt("udpPort"));
    assertEquals(TCP_PORT, stats.getInt("tcpPort"));
    assertThrows(BindException.class, () -> new DatagramSocket(UDP_PORT).close(), "UDP port held");
    assertThrows(BindException.class, () -> bindTcp(TCP_PORT), "ICE-TCP port held");

    var user = Users.create(client, "wfu");
    assertEquals(403, user.get("api/admin/media").status());
  }

  private static void bindTcp(int port) throws IOException {
    try (var socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(port));
    }
  }

  private static JsonObject health(String path) {
    var uri = server.management().resolve(path);
    try {
      var res =
          client
              .http()
              .send(
                  HttpRequest.newBuilder(uri).timeout(WAIT).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertFalse(res.body().isBlank(), uri + " answered nothing");
      try (var reader = Json.createReader(new StringReader(res.body()))) {
        return reader.readObject();
      }
    } catch (IOException e) {
      throw new AssertionError(uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
