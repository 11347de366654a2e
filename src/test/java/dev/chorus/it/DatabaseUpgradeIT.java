package dev.chorus.it;

import static dev.chorus.it.DatabaseUpgradeFixture.ALICE;
import static dev.chorus.it.DatabaseUpgradeFixture.ALICE_NAME;
import static dev.chorus.it.DatabaseUpgradeFixture.ALICE_PASSWORD;
import static dev.chorus.it.DatabaseUpgradeFixture.BOB;
import static dev.chorus.it.DatabaseUpgradeFixture.BOB_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A database left by Chorus 0.1 (schema made by Hibernate's {@code hbm2ddl.auto=update}, no
 * migration history) upgrades in place: loaded from the fixture script made by {@link
 * DatabaseUpgradeFixture} into a fresh H2 file, Chorus starts on it, Flyway baselines it at version
 * 1, Hibernate's validation accepts it, and the accounts, sessions, direct messages and rooms with
 * their messages are all still there and usable; the tables of later migrations (stream keys) work.
 */
class DatabaseUpgradeIT {
  private static final Path FIXTURE =
      Path.of("src/test/resources/db/upgrade/chorus-0.1-h2.sql").toAbsolutePath();

  @Test
  void databaseOfTheLastReleaseIsBaselinedAndKeepsItsData() throws Exception {
    var work = Path.of("target", "it-upgrade", UUID.randomUUID().toString()).toAbsolutePath();
    var url = "jdbc:h2:file:" + work.resolve("db/chorus");
    Files.createDirectories(work);
    try (var connection =
            DriverManager.getConnection(
                url, DatabaseUpgradeFixture.DB_USER, DatabaseUpgradeFixture.DB_PASSWORD);
        var statement = connection.createStatement()) {
      statement.execute("RUNSCRIPT FROM '" + FIXTURE + "'");
      assertEquals(List.of(), tables(connection, "flyway_schema_history"), "no history before");
    }

    try (var server = PayaraProcess.start(work, Map.of("chorus.db.url", url + ";WRITE_DELAY=0"))) {
      var client = new TestClient(server.https());
      var login = client.login(ALICE, ALICE_PASSWORD);
      assertEquals(201, login.status(), login.text());
      assertEquals(ALICE_NAME, login.json().getJsonObject("account").getString("displayName"));
      var alice = login.json().getString("token");
      assertEquals(201, client.login(BOB, BOB_PASSWORD).status());
      assertEquals(401, client.login(BOB, ALICE_PASSWORD).status(), "hashes kept, not reset");

      var dms = client.get("api/conversations/" + BOB + "/messages", alice);
      assertEquals(200, dms.status(), dms.text());
      assertTrue(dms.text().contains(DatabaseUpgradeFixture.DM_TO_BOB), dms.text());
      assertTrue(dms.text().contains(DatabaseUpgradeFixture.DM_TO_ALICE), dms.text());

      var rooms = client.get("api/rooms?q=Upgrade", alice);
      assertEquals(200, rooms.status(), rooms.text());
      var room =
          rooms.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
              .filter(r -> r.getString("name").equals(DatabaseUpgradeFixture.ROOM))
              .findFirst()
              .orElseThrow(() -> new AssertionError("room lost: " + rooms.text()));
      var roomId = room.getString("id");
      var history = client.get("api/rooms/" + roomId + "/messages", alice);
      assertEquals(200, history.status(), history.text());
      assertTrue(history.text().contains(DatabaseUpgradeFixture.ROOM_MESSAGE_ALICE));
      assertTrue(history.text().contains(DatabaseUpgradeFixture.ROOM_MESSAGE_BOB));
      var members = client.get("api/rooms/" + roomId + "/members", alice);
      assertTrue(members.text().contains(BOB), members.text());

      // Tables of later migrations (V4: stream keys) work on the upgraded database.
      var key =
          client.send(
              "POST",
              "api/rooms/" + roomId + "/stream-keys",
              "{\"name\":\"After the upgrade\"}",
              alice);
      assertEquals(201, key.status(), key.text());
      var keys = client.get("api/rooms/" + roomId + "/stream-keys", alice);
      assertTrue(keys.text().contains("After the upgrade"), keys.text());

      // New rows go on where the old ones stopped (the message sequence survived).
      try (var tab = WsClient.connect(client, server.wss(), alice)) {
        tab.nextOfType("welcome");
        var ack = Users.send(tab, BOB, "Written after the upgrade", "after-1");
        assertEquals("chat.ack", ack.getString("type"), ack.toString());
      }
      var after = client.get("api/conversations/" + BOB + "/messages", alice);
      assertTrue(after.text().contains("Written after the upgrade"), after.text());
    }

    try (var connection =
            DriverManager.getConnection(
                url, DatabaseUpgradeFixture.DB_USER, DatabaseUpgradeFixture.DB_PASSWORD);
        var statement = connection.createStatement();
        var history =
            statement.executeQuery(
                "select \"type\", \"success\" from \"flyway_schema_history\""
                    + " where \"version\" = '1'")) {
      assertTrue(history.next(), "Flyway history has version 1");
      assertEquals("BASELINE", history.getString(1), "baselined, V1 not run on the old schema");
      assertTrue(history.getBoolean(2));
      assertTrue(!history.next(), "version 1 recorded once");
    }
  }

  private static List<String> tables(java.sql.Connection connection, String name)
      throws SQLException {
    var found = new ArrayList<String>();
    try (var rs = connection.getMetaData().getTables(null, null, name, null)) {
      while (rs.next()) {
        found.add(rs.getString("TABLE_NAME"));
      }
    }
    return found;
  }
}
