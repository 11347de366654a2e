package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;

/**
 * Chorus on its own Payara Micro whose database is an H2 TCP server in this JVM, which the test
 * stops and starts again: while the database is away, sending is refused (never acknowledged), the
 * server is not ready, and the heartbeat still reaps a silent tab; once it is back, the server is
 * ready again without a restart and every acknowledged message is in the history.
 *
 * <p>The silent tab is being rung when it is reaped, so its end of call is recorded in the history
 * while the database is away: that failure must not stop the heartbeat (a second silent tab, after
 * the outage, must be reaped too).
 */
class DatabaseOutageIT {
  private static final String ADMIN = "outage-admin";
  private static final String ADMIN_PASSWORD = "admin-password";
  private static final Duration REAP = Duration.ofSeconds(30);
  private static final Duration RECOVERY = Duration.ofSeconds(90);

  @Test
  void aDatabaseOutageLosesNoAcknowledgedMessageAndStopsNoHeartbeat() throws Exception {
    var work = Path.of("target", "it-db-outage", UUID.randomUUID().toString()).toAbsolutePath();
    var database = new Database(work.resolve("h2"), PayaraProcess.freePort());
    try (database;
        var server =
            PayaraProcess.start(
                work,
                Map.of(
                    "chorus.db.url",
                    database.url(),
                    "chorus.admins",
                    ADMIN,
                    "chorus.admin.initial-password",
                    ADMIN_PASSWORD,
                    "chorus.session.purge-interval",
                    "PT1S"))) {
      var client = new TestClient(server.https());
      var alice = Users.create(client, "alice");
      var bob = Users.create(client, "bob");
      var sleeper = Users.create(client, "sleeper");
      var acknowledged = new ArrayList<String>();

      try (var aliceTab = tab(server, alice);
          var bobTab = tab(server, bob)) {
        sendAcknowledged(aliceTab, bob, "before", 3, acknowledged);

        var silent = SilentSocket.open(server.wss(), sleeper.token());
        try {
          awaitPresence(bobTab, sleeper, "online");
          bobTab.send(request("call.invite", "ring").add("to", sleeper.username()).build());
          assertEquals(
              "call.ringing",
              bobTab.next(m -> "ring".equals(m.getString("id", "")), REAP).getString("type"));

          database.stop();

          assertEquals(503, client.get("health/ready", null).status(), "not ready without DB");
          for (int i = 0; i < 3; i++) {
            var reply = Users.send(aliceTab, bob.username(), "during " + i, "during-" + i);
            assertEquals("error", reply.getString("type"), "never an ack without DB: " + reply);
          }
          // The heartbeat still runs: the silent tab is dropped and its user goes offline...
          awaitPresence(bobTab, sleeper, "offline");
          // ...while the live tabs, which answer its pings, stay connected and served.
          assertPong(aliceTab, "ping-during");
          assertFalse(bobTab.isClosed(), "a live tab is not dropped during the outage");
        } finally {
          silent.close();
        }

        database.start();
        awaitReady(client);

        sendAcknowledged(aliceTab, bob, "after", 3, acknowledged);
        assertPong(bobTab, "ping-after");

        // Recording the reaped call failed during the outage; the heartbeat must still reap.
        var silentAgain = SilentSocket.open(server.wss(), sleeper.token());
        try {
          awaitPresence(bobTab, sleeper, "online");
          awaitPresence(bobTab, sleeper, "offline");
        } finally {
          silentAgain.close();
        }
      }

      assertEquals(acknowledged, history(bob, alice), "exactly the acknowledged messages");
      assertEquals(acknowledged, history(alice, bob), "the same for the sender");
      assertRowCounts(client, alice, bob);
    }
  }

  /** Sends {@code count} messages, each of which must be acknowledged, and records their texts. */
  private static void sendAcknowledged(
      WsClient tab, Users to, String label, int count, List<String> acknowledged) {
    for (int i = 0; i < count; i++) {
      var text = label + " " + i;
      var reply = Users.send(tab, to.username(), text, label + "-" + i);
      assertEquals("chat.ack", reply.getString("type"), reply.toString());
      acknowledged.add(text);
    }
  }

  /** The texts of the direct conversation as {@code reader} sees it, oldest first. */
  private static List<String> history(Users reader, Users with) {
    var reply = reader.get("api/conversations/" + with.username() + "/messages?limit=100");
    assertEquals(200, reply.status(), reply.text());
    var texts = new ArrayList<String>();
    for (var m : reply.json().getJsonArray("items").getValuesAs(JsonObject.class)) {
      if (!m.containsKey("call")) {
        texts.add(0, m.getString("text"));
      }
    }
    return texts;
  }

  /**
   * The admin database stats count what this server's own database holds: nothing lost, and a
   * revoked session deleted by the purge, which kept running through the outage.
   */
  private static void assertRowCounts(TestClient client, Users alice, Users bob) {
    assertEquals(403, alice.get("api/admin/database").status(), "admins only");
    // Registered here, or already created at startup from the initial password.
    // The server made the admin account at startup (chorus.admin.initial-password).
    var admin = client.login(ADMIN, ADMIN_PASSWORD).json().getString("token");
    var again = client.login(alice.username(), "password-1").json().getString("token");
    assertEquals(204, client.delete("api/sessions/current", again).status());

    var deadline = System.nanoTime() + RECOVERY.toNanos();
    JsonObject rows;
    do {
      var stats = client.get("api/admin/database", admin);
      assertEquals(200, stats.status(), stats.text());
      rows = stats.json().getJsonObject("rows");
      PayaraProcess.sleep(500);
    } while (rows.getJsonNumber("SessionToken").longValue() > 4 && System.nanoTime() < deadline);
    assertEquals(4, rows.getJsonNumber("SessionToken").longValue(), "the revoked one purged");
    assertEquals(4, rows.getJsonNumber("Account").longValue(), "three users and the admin");
    var messages = alice.get("api/conversations/" + bob.username() + "/messages?limit=100");
    assertEquals(
        messages.json().getJsonArray("items").size(),
        rows.getJsonNumber("Message").longValue(),
        "every stored message is in the one conversation");
  }

  private static WsClient tab(PayaraProcess server, Users user) {
    var ws = WsClient.connect(user.client(), server.wss(), user.token());
    ws.nextOfType("welcome");
    return ws;
  }

  private static jakarta.json.JsonObjectBuilder request(String type, String id) {
    return Json.createObjectBuilder().add("type", type).add("id", id);
  }

  private static void assertPong(WsClient tab, String id) {
    tab.send(request("ping", id).build());
    assertEquals(
        "pong", tab.next(m -> id.equals(m.getString("id", "")), REAP).getString("type"), id);
  }

  private static void awaitPresence(WsClient tab, Users who, String status) {
    tab.next(
        m ->
            "presence".equals(m.getString("type", ""))
                && who.username().equals(m.getJsonObject("user").getString("username"))
                && status.equals(m.getString("status")),
        REAP);
  }

  /** Waits for the readiness check to answer 200 again; fails if it never does. */
  private static void awaitReady(TestClient client) {
    var deadline = System.nanoTime() + RECOVERY.toNanos();
    int status = 0;
    while (System.nanoTime() < deadline) {
      status = client.get("health/ready", null).status();
      if (status == 200) {
        return;
      }
      PayaraProcess.sleep(500);
    }
    throw new AssertionError("not ready again within " + RECOVERY + " (last " + status + ")");
  }

  /**
   * An H2 TCP server on a fixed loopback port over one database directory, stopped and restarted.
   */
  private static final class Database implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Server server;

    Database(Path dir, int port) throws SQLException {
      this.dir = dir;
      this.port = port;
      start();
    }

    String url() {
      return "jdbc:h2:tcp://localhost:" + port + "/chorus;WRITE_DELAY=0";
    }

    void start() throws SQLException {
      // -ifNotExists: the server creates the database on its first connection.
      server =
          Server.createTcpServer(
                  "-tcpPort", Integer.toString(port), "-baseDir", dir.toString(), "-ifNotExists")
              .start();
    }

    /** Closes the listener and every open connection, as a database going away does. */
    void stop() {
      server.stop();
    }

    @Override
    public void close() {
      if (server != null) {
        server.stop();
      }
    }
  }
}
