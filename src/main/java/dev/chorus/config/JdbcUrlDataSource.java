package dev.chorus.config;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The vendor-neutral {@link DataSource} class that {@link DataSourceConfig} names: it connects to
 * whatever JDBC URL the configuration holds, through the JDBC driver that accepts that URL (H2 and
 * PostgreSQL ship where the server needs them; any other driver on the application's class path
 * works too). The server's connection pool wraps it; this class pools nothing itself.
 *
 * <p>Why not the vendor's own DataSource class: {@code @DataSourceDefinition} names one class at
 * compile time, while the URL (and with it the database) is chosen by configuration at deploy time.
 *
 * <p>The server sets the bean properties {@code url}, {@code user} and {@code password}; the other
 * standard ones it may set ({@code serverName}, {@code portNumber}, {@code databaseName}) are
 * accepted and ignored, as everything is in the URL.
 */
public class JdbcUrlDataSource implements DataSource {
  private volatile String url;
  private volatile String user;
  private volatile String password;
  private volatile int loginTimeout;
  private volatile PrintWriter logWriter;
  private volatile Driver driver;

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
    this.driver = null;
  }

  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public void setServerName(String ignored) {
    // everything is in the URL
  }

  public void setPortNumber(int ignored) {
    // everything is in the URL
  }

  public void setDatabaseName(String ignored) {
    // everything is in the URL
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
      throw new SQLException("The JDBC driver refused the URL " + url, "08001");
    }
    return connection;
  }

  /**
   * The driver for the URL: looked up among the drivers this application can see (its own libraries
   * and the server's), not in {@link DriverManager}'s global registry only, which in an application
   * server need not know drivers packaged in the WAR.
   */
  private Driver driver() throws SQLException {
    var found = driver;
    if (found != null) {
      return found;
    }
    var jdbcUrl = url;
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      throw new SQLException("No JDBC URL configured (chorus.db.url)", "08001");
    }
    for (var loader : new ClassLoader[] {getClass().getClassLoader(), contextLoader()}) {
      if (loader == null) {
        continue;
      }
      for (var candidate : ServiceLoader.load(Driver.class, loader)) {
        if (candidate.acceptsURL(jdbcUrl)) {
          driver = candidate;
          return candidate;
        }
      }
    }
    try {
      found = DriverManager.getDriver(jdbcUrl);
    } catch (SQLException e) {
      throw new SQLException(
          "No JDBC driver for "
              + scheme(jdbcUrl)
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

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public void setLoginTimeout(int seconds) {
    this.loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("java.util.logging is not used");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("Not a wrapper of " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
