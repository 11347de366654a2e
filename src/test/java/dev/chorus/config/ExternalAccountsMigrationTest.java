package dev.chorus.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * V2 (external accounts) on an H2 database that already holds a V1 account: the account stays,
 * becomes local, and the database itself refuses an external account with a password hash.
 */
class ExternalAccountsMigrationTest {
  @Test
  void aV1AccountBecomesLocalAndExternalAccountsCannotHoldAPassword() throws SQLException {
    var ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:v2-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    flyway(ds, "1").migrate();
    try (var c = ds.getConnection()) {
      update(
          c,
          "insert into account (id, created_at, display_name, password_hash, username)"
              + " values ('a1', current_timestamp, 'Ann', 'argon2-hash', 'ann')");
    }

    assertEquals(1, flyway(ds, "2").migrate().migrationsExecuted);

    try (var c = ds.getConnection();
        var rs =
            c.createStatement()
                .executeQuery(
                    "select origin, external_subject, external_admin, password_hash from account"
                        + " where id = 'a1'")) {
      rs.next();
      assertEquals("LOCAL", rs.getString(1));
      assertEquals(null, rs.getString(2));
      assertEquals(false, rs.getBoolean(3));
      assertEquals("argon2-hash", rs.getString(4));
      update(
          c,
          "insert into account (id, created_at, display_name, username, origin, external_subject,"
              + " external_admin) values ('b1', current_timestamp, 'Bob', 'bob', 'LDAP', 'uuid-1',"
              + " true)");
      assertThrows(
          SQLException.class,
          () ->
              update(
                  c,
                  "insert into account (id, created_at, display_name, password_hash, username,"
                      + " origin, external_subject) values ('c1', current_timestamp, 'C', 'hash',"
                      + " 'carl', 'LDAP', 'uuid-2')"),
          "an external account with a password hash");
      assertThrows(
          SQLException.class,
          () ->
              update(
                  c,
                  "insert into account (id, created_at, display_name, username, origin,"
                      + " external_subject) values ('d1', current_timestamp, 'D', 'dora', 'LDAP',"
                      + " 'uuid-1')"),
          "the same directory subject twice");
    }
  }

  private static Flyway flyway(JdbcDataSource ds, String target) {
    return Flyway.configure(ExternalAccountsMigrationTest.class.getClassLoader())
        .dataSource(ds)
        .locations("classpath:db/migration/h2")
        .target(target)
        .load();
  }

  private static void update(Connection c, String sql) throws SQLException {
    try (var s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }
}
