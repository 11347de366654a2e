package dev.chorus.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The datasource class Payara hands connections out of: the driver comes from the URL, the pool is
 * sized by configuration, and the schema migrations run on what it connects to (H2 here; PostgreSQL
 * in the integration tests).
 */
class JdbcUrlDataSourceTest {
  private static JdbcUrlDataSource h2() {
    return h2(Map.of());
  }

  private static JdbcUrlDataSource h2(Map<String, String> config) {
    var ds = new JdbcUrlDataSource();
    ds.setConfig(key -> Optional.ofNullable(config.get(key)));
    ds.setUrl("jdbc:h2:mem:ds-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    ds.setPassword("secret");
    return ds;
  }

  @Test
  void connectsThroughTheDriverThatAcceptsTheUrl() throws SQLException {
    try (var connection = h2().getConnection()) {
      assertEquals("H2", connection.getMetaData().getDatabaseProductName());
      assertEquals("SA", connection.getMetaData().getUserName());
    }
  }

  @Test
  void thePoolIsSizedByConfigurationAndAnExhaustedOneFailsAfterTheWait() throws SQLException {
    var ds = h2(Map.of("chorus.db.pool.max", "3", "chorus.db.pool.wait", "PT0.3S"));
    assertEquals(3, ds.maximumPoolSize());
    var held = new ArrayList<Connection>();
    try {
      for (int i = 0; i < 3; i++) {
        held.add(ds.getConnection());
      }
      var e = assertThrows(SQLException.class, ds::getConnection, "a fourth connection");
      assertTrue(e.getMessage().contains("timed out"), e.getMessage());
      held.remove(0).close(); // back to the pool: the next caller gets it
      try (var again = ds.getConnection()) {
        assertTrue(again.isValid(1));
      }
    } finally {
      for (var c : held) {
        c.close();
      }
    }
  }

  @Test
  void aBadPoolSettingIsAnErrorNamingTheKey() {
    var ds = h2(Map.of("chorus.db.pool.max", "lots"));
    var e = assertThrows(SQLException.class, ds::getConnection);
    assertTrue(e.getMessage().contains("chorus.db.pool.max"), e.getMessage());
  }

  @Test
  void anUrlNoDriverAcceptsFailsNamingOnlyItsScheme() {
    var ds = new JdbcUrlDataSource();
    ds.setUrl("jdbc:nosuchdb://db.example.com/chorus?password=hunter2");
    var e = assertThrows(SQLException.class, ds::getConnection);
    assertTrue(e.getMessage().contains("jdbc:nosuchdb"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), "no credentials in the message");
  }

  @Test
  void noUrlIsAClearError() {
    var e = assertThrows(SQLException.class, () -> new JdbcUrlDataSource().getConnection());
    assertTrue(e.getMessage().contains("chorus.db.url"), e.getMessage());
  }

  @Test
  void migrationsCreateTheSchemaOnceAndBaselineAnOldOne() throws SQLException {
    var fresh = h2();
    SchemaMigrations.migrate(fresh);
    SchemaMigrations.migrate(fresh); // nothing left to do the second time
    assertEquals(
        everyH2Migration(),
        history(fresh),
        "every migration ran once, in order, on an empty database");

    // A 0.1 database: the V1 tables (made by hbm2ddl) but no history. Baselined at 1, so V1 is not
    // run over it; the later migrations are.
    var old = h2();
    try (var c = old.getConnection();
        var s = c.createStatement()) {
      s.execute("runscript from 'classpath:/db/migration/h2/V1__initial_schema.sql'");
    }
    SchemaMigrations.migrate(old);
    assertEquals(everyH2Migration().replaceFirst("^SQL:1", "BASELINE:1"), history(old));
  }

  @Test
  void onlyH2AndPostgresqlHaveMigrations() {
    assertEquals("h2", SchemaMigrations.vendorOf("H2"));
    assertEquals("postgresql", SchemaMigrations.vendorOf("PostgreSQL"));
    assertThrows(IllegalStateException.class, () -> SchemaMigrations.vendorOf("MySQL"));
  }

  /** "SQL:1,SQL:2,..." for the H2 migrations on the classpath. */
  private static String everyH2Migration() {
    try (var files = Files.list(Path.of(resource("db/migration/h2")))) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.matches("V\\d+__.*\\.sql"))
          .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
          .sorted()
          .map(v -> "SQL:" + v)
          .collect(Collectors.joining(","));
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static java.net.URI resource(String name) throws URISyntaxException {
    return JdbcUrlDataSourceTest.class.getClassLoader().getResource(name).toURI();
  }

  private static String history(JdbcUrlDataSource ds) throws SQLException {
    try (var c = ds.getConnection();
        var s = c.createStatement();
        var rs =
            s.executeQuery(
                "select \"type\", \"version\" from \"flyway_schema_history\""
                    + " where \"version\" is not null order by \"installed_rank\"")) {
      var b = new StringBuilder();
      while (rs.next()) {
        b.append(b.isEmpty() ? "" : ",")
            .append(rs.getString(1))
            .append(':')
            .append(rs.getString(2));
      }
      return b.toString();
    }
  }
}
