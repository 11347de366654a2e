package dev.chorus.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * V5 (broadcast rooms) on an H2 database that already holds a room: the room stays a meeting room
 * ({@code broadcast} false), and presenters can be stored, once per room and account.
 */
class BroadcastRoomsMigrationTest {
  @Test
  void anExistingRoomStaysAMeetingRoomAndPresentersAreStored() throws SQLException {
    var ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:v5-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    flyway(ds, "3").migrate();
    try (var c = ds.getConnection()) {
      update(
          c,
          "insert into room (id, created_at, name, name_key, owner_id, is_private, topic)"
              + " values ('r1', current_timestamp, 'Town hall', 'town hall', 'a1', false, '')");
    }

    flyway(ds, null).migrate();

    try (var c = ds.getConnection();
        var rs = c.createStatement().executeQuery("select broadcast from room where id = 'r1'")) {
      rs.next();
      assertEquals(false, rs.getBoolean(1));
      update(c, "update room set broadcast = true where id = 'r1'");
      update(
          c,
          "insert into room_presenter (id, room_id, account_id, added_by, added_at)"
              + " values ('r1|b1', 'r1', 'b1', 'a1', current_timestamp)");
      assertThrows(
          SQLException.class,
          () ->
              update(
                  c,
                  "insert into room_presenter (id, room_id, account_id, added_by, added_at)"
                      + " values ('r1|b1', 'r1', 'b1', 'a1', current_timestamp)"),
          "the same presenter twice");
    }
  }

  private static Flyway flyway(JdbcDataSource ds, String target) {
    var config =
        Flyway.configure(BroadcastRoomsMigrationTest.class.getClassLoader())
            .dataSource(ds)
            .locations("classpath:db/migration/h2");
    return (target == null ? config : config.target(target)).load();
  }

  private static void update(Connection c, String sql) throws SQLException {
    try (var s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }
}
