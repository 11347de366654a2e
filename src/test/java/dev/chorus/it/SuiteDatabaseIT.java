package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
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
   * arquillian.xml sets {@code chorus.db.pool.min} and {@code .max} to 7: the server then holds
   * exactly that many connections, which Payara's own pool (2 to 32, not configurable) never would
   * settle on.
   */
  @Test
  void thePoolHoldsTheConfiguredNumberOfConnections() {
    assumeTrue(Boolean.getBoolean("it.postgres"), "counted by PostgreSQL's pg_stat_activity");
    SuitePostgres.running().awaitConnectionsOfChorus(7, "the suite's Payara Micro");
  }
}
