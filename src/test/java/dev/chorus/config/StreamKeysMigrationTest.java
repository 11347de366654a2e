package dev.chorus.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * V4 (stream keys) on an H2 database at V3: the table exists, and the database itself refuses an
 * unknown purpose and a second key with the same hash.
 */
class StreamKeysMigrationTest {
  @Test
  void v4AddsStreamKeysWithAUniqueHashAndAKnownPurpose() throws SQLException {
    var ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:v4-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    flyway(ds, "3").migrate();
    assertEquals(1, flyway(ds, "4").migrate().migrationsExecuted);
    try (var c = ds.getConnection()) {
      update(c, insert("k1", "PUBLISH", "h1"));
      update(c, insert("k2", "VIEW", "h2"));
      assertThrows(SQLException.class, () -> update(c, insert("k3", "ADMIN", "h3")), "purpose");
      assertThrows(SQLException.class, () -> update(c, insert("k4", "VIEW", "h1")), "same hash");
      try (var rs =
          c.createStatement()
              .executeQuery("select count(*) from stream_key where revoked_at is null")) {
        rs.next();
        assertEquals(2, rs.getInt(1));
      }
    }
  }

  private static String insert(String id, String purpose, String hash) {
    return "insert into stream_key (id, room_id, name, purpose, token_hash, created_by,"
        + " created_at) values ('"
        + id
        + "', 'r1', 'OBS', '"
        + purpose
        + "', '"
        + hash
        + "', 'a1', current_timestamp)";
  }

  private static Flyway flyway(JdbcDataSource ds, String target) {
    return Flyway.configure(StreamKeysMigrationTest.class.getClassLoader())
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
