package dev.chorus.admin;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the database answers a query within two seconds.
 *
 * <p>Created when the application starts, not on the first check: WildFly runs health checks on its
 * management threads, where {@code java:app} names cannot be looked up, so the datasource must
 * already be injected by then.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {
  static final int TIMEOUT_SECONDS = 2;

  @Resource(lookup = "java:app/jdbc/chorusDS")
  DataSource dataSource;

  void createWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // Nothing to do: observing the event makes the container create (and inject) this bean now.
  }

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("database");
    try (var connection = dataSource.getConnection()) {
      if (!connection.isValid(TIMEOUT_SECONDS)) {
        return response.down().withData("error", "connection is not valid").build();
      }
      return response
          .up()
          .withData("product", connection.getMetaData().getDatabaseProductName())
          .build();
    } catch (SQLException | RuntimeException e) {
      return response.down().withData("error", String.valueOf(e.getMessage())).build();
    }
  }
}
