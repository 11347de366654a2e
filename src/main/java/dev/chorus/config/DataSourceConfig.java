package dev.chorus.config;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Logger;

/**
 * Declares the application's datasource, {@code java:app/jdbc/chorusDS}.
 *
 * <p>On Payara the URL, user and password come from MicroProfile Config ({@code chorus.db.url} or
 * the environment variable {@code CHORUS_DB_URL}; default: an H2 file under {@code ./data}). The
 * class is {@link JdbcUrlDataSource}, which takes the JDBC driver from the URL, so the same WAR
 * runs on H2 ({@code jdbc:h2:...}) or PostgreSQL ({@code jdbc:postgresql://...}), and pools the
 * connections itself ({@code chorus.db.pool.*}); the pools close when the application stops. On
 * WildFly, {@code WEB-INF/jboss-web.xml} points the same name at a server-defined datasource
 * instead (see server-config/wildfly). A web listener carries the annotation because every server
 * scans web components for it.
 */
@WebListener
@DataSourceDefinition(
    name = "java:app/jdbc/chorusDS",
    className = "dev.chorus.config.JdbcUrlDataSource",
    url = "${MPCONFIG=chorus.db.url}",
    user = "${MPCONFIG=chorus.db.user}",
    password = "${MPCONFIG=chorus.db.password}",
    // Payara's pool is off: JdbcUrlDataSource pools, sized by chorus.db.pool.*. Payara still
    // reads the two sizes; 0 and a ceiling above PoolSettings.MOST keep them out of the way
    // (and with pooling off it wants no idle timeout and no connection matching).
    minPoolSize = 0,
    maxPoolSize = 1000,
    maxIdleTime = 0,
    properties = {"fish.payara.pooling=false", "fish.payara.match-connections=false"})
public class DataSourceConfig implements ServletContextListener {
  private static final Logger LOG = Logger.getLogger(DataSourceConfig.class.getName());

  @Override
  public void contextInitialized(ServletContextEvent event) {
    LOG.info("Chorus started at context path '" + event.getServletContext().getContextPath() + "'");
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    JdbcUrlDataSource.closeAll();
  }
}
