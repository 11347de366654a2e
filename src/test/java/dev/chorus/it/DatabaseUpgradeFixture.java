package dev.chorus.it;

import jakarta.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * Makes the fixture of {@link DatabaseUpgradeIT}: starts a given (older) Chorus WAR on an H2 file
 * database, fills it through the public API (two accounts with sessions, direct messages both ways,
 * a room with two members and messages), stops it and writes the database out as an SQL script with
 * H2's {@code SCRIPT} command.
 *
 * <p>Run from the project directory after {@code mvn test-compile} (see
 * src/test/resources/db/upgrade/README.md): {@code java -cp <test classpath> -Dchorus.war=<old
 * chorus.war> -Dpayara.microJar=... -Dchorus.keystore=... -Dchorus.keystore.password=...
 * dev.chorus.it.DatabaseUpgradeFixture <script.sql>}
 */
public final class DatabaseUpgradeFixture {
  static final String ALICE = "upgrade-alice";
  static final String ALICE_PASSWORD = "alice-password-0.1";
  static final String ALICE_NAME = "Alice from 0.1";
  static final String BOB = "upgrade-bob";
  static final String BOB_PASSWORD = "bob-password-0.1";
  static final String BOB_NAME = "Bob from 0.1";
  static final String DM_TO_BOB = "Hello Bob, written by Chorus 0.1";
  static final String DM_TO_ALICE = "Hi Alice, answered on 0.1";
  static final String ROOM = "Upgrade Room";
  static final String ROOM_TOPIC = "Made before migrations existed";
  static final String ROOM_MESSAGE_ALICE = "First room message on 0.1";
  static final String ROOM_MESSAGE_BOB = "Second room message on 0.1";
  static final String DB_USER = "sa";
  static final String DB_PASSWORD = "chorus";

  private DatabaseUpgradeFixture() {}

  public static void main(String[] args) throws Exception {
    var script = Path.of(args[0]).toAbsolutePath();
    var work = Files.createTempDirectory(Path.of("target"), "upgrade-fixture-").toAbsolutePath();
    var db = work.resolve("db/chorus");
    try (var server =
        PayaraProcess.start(
            work, Map.of("chorus.db.url", "jdbc:h2:file:" + db + ";WRITE_DELAY=0"))) {
      fill(new TestClient(server.https()), server.wss());
    }
    try (var connection = DriverManager.getConnection("jdbc:h2:file:" + db, DB_USER, DB_PASSWORD);
        var statement = connection.createStatement()) {
      statement.execute("SCRIPT TO '" + script.toString().replace("'", "''") + "'");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void fill(TestClient client, java.net.URI wss) {
    require(client.register(ALICE, ALICE_PASSWORD, ALICE_NAME).status() == 201, "register alice");
    require(client.register(BOB, BOB_PASSWORD, BOB_NAME).status() == 201, "register bob");
    var alice = new Users(client, ALICE, ALICE_NAME, token(client, ALICE, ALICE_PASSWORD));
    var bob = new Users(client, BOB, BOB_NAME, token(client, BOB, BOB_PASSWORD));
    try (var aliceTab = tab(client, wss, alice);
        var bobTab = tab(client, wss, bob)) {
      requireAck(Users.send(aliceTab, BOB, DM_TO_BOB, "dm-1"));
      requireAck(Users.send(bobTab, ALICE, DM_TO_ALICE, "dm-2"));
      var room =
          client.send(
              "POST",
              "api/rooms",
              Json.createObjectBuilder()
                  .add("name", ROOM)
                  .add("topic", ROOM_TOPIC)
                  .add("visibility", "public")
                  .build()
                  .toString(),
              alice.token());
      require(room.status() == 201, "create room: " + room.text());
      var roomId = room.json().getString("id");
      Rooms.enter(aliceTab, roomId);
      Rooms.enter(bobTab, roomId);
      requireAck(Rooms.send(aliceTab, roomId, ROOM_MESSAGE_ALICE));
      requireAck(Rooms.send(bobTab, roomId, ROOM_MESSAGE_BOB));
    }
  }

  private static WsClient tab(TestClient client, java.net.URI wss, Users user) {
    var ws = WsClient.connect(client, wss, user.token());
    ws.nextOfType("welcome");
    return ws;
  }

  private static String token(TestClient client, String user, String password) {
    var login = client.login(user, password);
    require(login.status() == 201, "login " + user + ": " + login.text());
    return login.json().getString("token");
  }

  private static void requireAck(jakarta.json.JsonObject reply) {
    require(!"error".equals(reply.getString("type")), "refused: " + reply);
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("Fixture step failed: " + what);
    }
  }
}
