package dev.chorus.config;

import java.sql.SQLException;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Brings the database schema up to date with Flyway, from the SQL migrations under {@code
 * db/migration/<vendor>} ({@code h2}, {@code postgresql}), before Hibernate validates it against
 * the entities ({@code hibernate.hbm2ddl.auto=validate} in persistence.xml).
 *
 * <p>Why a Hibernate integrator and not a startup bean: the server builds the persistence unit
 * while it deploys the application, before any CDI bean or servlet runs, and Hibernate validates
 * the schema at the end of that build. Integrators run inside it, just before the validation, on
 * Payara and WildFly alike; so the schema is migrated before anything can use it, and a schema that
 * does not match the code stops the deployment.
 *
 * <p>A database made by Chorus 0.1 (schema from {@code hbm2ddl.auto=update}, no Flyway history) is
 * baselined at version 1, whose scripts describe exactly that schema; later versions then apply.
 * Registered in {@code META-INF/services/org.hibernate.integrator.spi.Integrator}.
 */
public class SchemaMigrations implements Integrator {
  private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

  @Override
  public void integrate(
      Metadata metadata, BootstrapContext bootstrap, SessionFactoryImplementor sessionFactory) {
    var dataSource =
        sessionFactory
            .getServiceRegistry()
            .requireService(ConnectionProvider.class)
            .unwrap(DataSource.class);
    migrate(dataSource);
  }

  /**
   * Migrates the database behind {@code dataSource}; fails (stopping the deployment) if it can't.
   */
  static void migrate(DataSource dataSource) {
    var vendor = vendor(dataSource);
    var result =
        Flyway.configure(SchemaMigrations.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration/" + vendor)
            .baselineOnMigrate(true)
            .baselineVersion("1")
            .baselineDescription("Chorus 0.1 schema (hbm2ddl)")
            .load()
            .migrate();
    LOG.info(
        () ->
            "Database schema ("
                + vendor
                + "): "
                + result.migrationsExecuted
                + " migration(s) applied, now at version "
                + (result.targetSchemaVersion != null
                    ? result.targetSchemaVersion
                    : result.initialSchemaVersion));
  }

  /** The migration folder for the database product: {@code h2} or {@code postgresql}. */
  static String vendor(DataSource dataSource) {
    String product;
    try (var connection = dataSource.getConnection()) {
      product = connection.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot reach the database to migrate it", e);
    }
    return vendorOf(product);
  }

  static String vendorOf(String productName) {
    var name = productName.toLowerCase(Locale.ROOT);
    if (name.equals("h2")) {
      return "h2";
    }
    if (name.equals("postgresql")) {
      return "postgresql";
    }
    throw new IllegalStateException(
        "Chorus has schema migrations for H2 and PostgreSQL only, not for " + productName);
  }

  @Override
  public void disintegrate(
      SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry registry) {
    // nothing to undo
  }
}
