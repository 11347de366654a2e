package dev.chorus.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The datasource class that the container pools: the driver comes from the URL, and the schema
 * migrations run on what it connects to (H2 here; PostgreSQL in the integration tests).
 */
class JdbcUrlDataSourceTest {
  private static JdbcUrlDataSource h2() {
    var ds = new JdbcUrlDataSource();
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
        "SQL:1", history(fresh), "V1 ran once on an empty database and created the schema");

    // A 0.1 database: tables (made by hbm2ddl) but no history. Baselined, V1 not run over it.
    var old = h2();
    try (var c = old.getConnection();
        var s = c.createStatement()) {
      s.execute("create table account (id varchar(36) not null, primary key (id))");
    }
    SchemaMigrations.migrate(old);
    assertEquals("BASELINE:1", history(old));
  }

  @Test
  void onlyH2AndPostgresqlHaveMigrations() {
    assertEquals("h2", SchemaMigrations.vendorOf("H2"));
    assertEquals("postgresql", SchemaMigrations.vendorOf("PostgreSQL"));
    assertThrows(IllegalStateException.class, () -> SchemaMigrations.vendorOf("MySQL"));
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
