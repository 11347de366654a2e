package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shared Arquillian server really runs on the database the build meant it to: PostgreSQL
 * (started by {@link SuitePostgres}) unless {@code -Dit.postgres=false}, then in-memory H2. Without
 * this a failed switch would go unnoticed, as every other test passes on either database.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SuiteDatabaseIT {
  @Test
  void theSuiteRunsOnTheConfiguredDatabase() {
    var ready = new TestClient().get("health/ready", null);
    assertEquals(200, ready.status(), ready.text());
    var database =
        ready.json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
            .filter(c -> c.getString("name").equals("database"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no database check: " + ready.text()));
    var expected = Boolean.getBoolean("it.postgres") ? "PostgreSQL" : "H2";
    assertEquals(expected, database.getJsonObject("data").getString("product"));
  }

  /**
   * arquillian.xml sets {@code chorus.db.pool.min} and {@code .max} to {@value #POOL}: the server
   * then holds exactly that many connections, which Payara's own pool (2 to 32, not configurable)
   * never would settle on.
   */
  @Test
  void thePoolHoldsTheConfiguredNumberOfConnections() throws Exception {
    assumeTrue(Boolean.getBoolean("it.postgres"), "counted by PostgreSQL's pg_stat_activity");
    try (var db =
        DriverManager.getConnection(
            System.getProperty("it.db.url"),
            System.getProperty("it.db.user"),
            System.getProperty("it.db.password"))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      int held;
      do {
        held = chorusConnections(db);
        if (held == POOL) {
          break;
        }
        Thread.sleep(200);
      } while (System.nanoTime() < deadline);
      assertEquals(POOL, held, "connections of the Chorus server to its database");
    }
  }

  private static final int POOL = 7;

  private static int chorusConnections(Connection db) throws SQLException {
    try (var query =
        db.prepareStatement(
            "select count(*) from pg_stat_activity where datname = current_database()"
                + " and usename = current_user and pid <> pg_backend_pid()")) {
      try (var rows = query.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }
}
