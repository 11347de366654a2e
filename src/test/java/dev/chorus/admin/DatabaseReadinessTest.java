package dev.chorus.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Readiness follows the database: UP when it answers, DOWN when it fails or is invalid. */
class DatabaseReadinessTest {
  @BeforeAll
  static void plainResponses() {
    // Outside a server there is no MicroProfile Health implementation; a minimal one will do.
    HealthCheckResponse.setResponseProvider(SimpleBuilder::new);
  }

  @Test
  void upWhenTheDatabaseAnswers() {
    var check = new DatabaseReadiness();
    check.dataSource = dataSource(() -> connection(true));
    var response = check.call();
    assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
    assertEquals("database", response.getName());
  }

  @Test
  void downWhenConnectionsFail() {
    var check = new DatabaseReadiness();
    check.dataSource =
        dataSource(
            () -> {
              throw new SQLException("Connection refused");
            });
    var response = check.call();
    assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
    assertTrue(response.getData().orElseThrow().get("error").toString().contains("refused"));
  }

  @Test
  void downWhenTheConnectionIsNotValid() {
    var check = new DatabaseReadiness();
    check.dataSource = dataSource(() -> connection(false));
    assertEquals(HealthCheckResponse.Status.DOWN, check.call().getStatus());
  }

  private interface ConnectionSupplier {
    Connection get() throws SQLException;
  }

  private static Connection connection(boolean valid) {
    var meta =
        (DatabaseMetaData)
            Proxy.newProxyInstance(
                DatabaseMetaData.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class},
                (p, m, a) -> m.getName().equals("getDatabaseProductName") ? "H2" : null);
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (p, m, a) ->
                switch (m.getName()) {
                  case "isValid" -> valid;
                  case "getMetaData" -> meta;
                  default -> null;
                });
  }

  private static DataSource dataSource(ConnectionSupplier supplier) {
    return new DataSource() {
      @Override
      public Connection getConnection() throws SQLException {
        return supplier.get();
      }

      @Override
      public Connection getConnection(String u, String p) throws SQLException {
        return supplier.get();
      }

      @Override
      public PrintWriter getLogWriter() {
        return null;
      }

      @Override
      public void setLogWriter(PrintWriter out) {}

      @Override
      public void setLoginTimeout(int seconds) {}

      @Override
      public int getLoginTimeout() {
        return 0;
      }

      @Override
      public Logger getParentLogger() {
        return Logger.getGlobal();
      }

      @Override
      public <T> T unwrap(Class<T> iface) {
        return null;
      }

      @Override
      public boolean isWrapperFor(Class<?> iface) {
        return false;
      }
    };
  }

  private static final class SimpleBuilder extends HealthCheckResponseBuilder {
    private String name;
    private boolean up;
    private final Map<String, Object> data = new HashMap<>();

    @Override
    public HealthCheckResponseBuilder name(String name) {
      this.name = name;
      return this;
    }

    @Override
    public HealthCheckResponseBuilder withData(String key, String value) {
      data.put(key, value);
      return this;
    }

    @Override
    public HealthCheckResponseBuilder withData(String key, long value) {
      data.put(key, value);
      return this;
    }

    @Override
    public HealthCheckResponseBuilder withData(String key, boolean value) {
      data.put(key, value);
      return this;
    }

    @Override
    public HealthCheckResponseBuilder up() {
      up = true;
      return this;
    }

    @Override
    public HealthCheckResponseBuilder down() {
      up = false;
      return this;
    }

    @Override
    public HealthCheckResponseBuilder status(boolean up) {
      this.up = up;
      return this;
    }

    @Override
    public HealthCheckResponse build() {
      return new HealthCheckResponse(
          name,
          up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
          Optional.of(data));
    }
  }
}
