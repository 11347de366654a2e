package dev.chorus.config;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * New, unpooled connections to one JDBC URL through the driver that accepts it: what the pool of
 * {@link JdbcUrlDataSource} opens its connections with.
 */
final class UrlDriverConnections extends DataSourceBase {
  private final String url;
  private final String user;
  private final String password;
  private volatile Driver driver;

  UrlDriverConnections(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return getConnection(user, password);
  }

  @Override
  public Connection getConnection(String username, String pass) throws SQLException {
    var properties = new Properties();
    if (username != null) {
      properties.setProperty("user", username);
    }
    if (pass != null) {
      properties.setProperty("password", pass);
    }
    var connection = driver().connect(url, properties);
    if (connection == null) {
      throw new SQLException("The JDBC driver refused the URL " + scheme(url), "08001");
    }
    return connection;
  }

  /**
   * The driver for the URL: looked up among the drivers this application can see (its own libraries
   * and the server's), not in {@link DriverManager}'s global registry only, which in an application
   * server need not know drivers packaged in the WAR.
   */
  Driver driver() throws SQLException {
    var found = driver;
    if (found != null) {
      return found;
    }
    if (url == null || url.isBlank()) {
      throw new SQLException("No JDBC URL configured (chorus.db.url)", "08001");
    }
    for (var loader : new ClassLoader[] {getClass().getClassLoader(), contextLoader()}) {
      if (loader == null) {
        continue;
      }
      for (var candidate : ServiceLoader.load(Driver.class, loader)) {
        if (candidate.acceptsURL(url)) {
          driver = candidate;
          return candidate;
        }
      }
    }
    try {
      found = DriverManager.getDriver(url);
    } catch (SQLException e) {
      throw new SQLException(
          "No JDBC driver for "
              + scheme(url)
              + " URLs: Chorus ships the H2 and PostgreSQL drivers; put another one on the"
              + " server's or application's class path",
          "08001",
          e);
    }
    driver = found;
    return found;
  }

  private static ClassLoader contextLoader() {
    return Thread.currentThread().getContextClassLoader();
  }

  /** {@code jdbc:postgresql} of a URL, never its host, user or password parameters. */
  static String scheme(String jdbcUrl) {
    int colon = jdbcUrl.indexOf(':', "jdbc:".length());
    return colon < 0 ? jdbcUrl : jdbcUrl.substring(0, colon);
  }
}
