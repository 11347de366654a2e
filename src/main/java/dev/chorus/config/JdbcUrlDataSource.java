package dev.chorus.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The vendor-neutral {@link DataSource} class that {@link DataSourceConfig} names on Payara: a
 * connection pool (HikariCP) sized by {@link PoolSettings} ({@code chorus.db.pool.*}) over whatever
 * JDBC URL the configuration holds, through the driver that accepts that URL.
 *
 * <p>Why this class pools: Payara reads the size of the pool it would make for a
 * {@code @DataSourceDefinition} only from the annotation's int attributes, so its own pooling is
 * switched off ({@code fish.payara.pooling=false}) and every connection it hands out comes from
 * here. Why not the vendor's own DataSource class: the annotation names one class at compile time,
 * while the URL (and with it the database) is chosen by configuration at deploy time. WildFly maps
 * the name to a server-defined datasource and never creates this class.
 *
 * <p>The server sets the bean properties {@code url}, {@code user} and {@code password}; the other
 * standard ones it may set ({@code serverName}, {@code portNumber}, {@code databaseName}) are
 * accepted and ignored, as everything is in the URL. The pool starts at the first connection asked
 * for, so a database that is down at deploy time fails the deployment with its own error. The
 * pool's few housekeeping threads are HikariCP's own, ended by {@link #closeAll()}: looking up the
 * container's managed thread factory from inside a datasource being deployed logs a SEVERE naming
 * error on Payara.
 */
public class JdbcUrlDataSource extends DataSourceBase {
  private static final Logger LOG = Logger.getLogger(JdbcUrlDataSource.class.getName());

  /**
   * The pools this deployment opened, closed by {@link #closeAll()} at undeploy: the server creates
   * this class, so the application holds no reference to the instance.
   */
  private static final Set<HikariDataSource> OPEN = ConcurrentHashMap.newKeySet();

  private volatile String url;
  private volatile String user;
  private volatile String password;
  private volatile Function<String, Optional<String>> config = JdbcUrlDataSource::configValue;
  private HikariDataSource pool;
  private volatile ProbeFailure lastProbeFailure;

  /** How long a failed probe answers for the database before the next one tries again. */
  private static final Duration PROBE_REUSE = Duration.ofSeconds(1);

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
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

  /** Where the pool settings come from; MicroProfile Config unless a test says otherwise. */
  void setConfig(Function<String, Optional<String>> config) {
    this.config = config;
  }

  /**
   * A connection from the pool. When the pool holds none, the database may be away: one direct
   * attempt finds that out at once (connection refused), where the pool would make the caller wait
   * {@code chorus.db.pool.wait} for a connection that cannot come, holding up its socket.
   */
  @Override
  public Connection getConnection() throws SQLException {
    var open = pool();
    if (open.getHikariPoolMXBean().getTotalConnections() == 0) {
      probe();
    }
    return open.getConnection();
  }

  /**
   * One direct connection, opened and closed; its failure is remembered for {@link #PROBE_REUSE},
   * so callers during an outage fail at once instead of each spending a connect attempt (H2's
   * client retries a refused connect for about a second).
   */
  private void probe() throws SQLException {
    var failed = lastProbeFailure;
    if (failed != null && System.nanoTime() - failed.atNanos() < PROBE_REUSE.toNanos()) {
      throw new SQLException(
          "The database is unavailable: " + failed.cause().getMessage(),
          failed.cause().getSQLState(),
          failed.cause());
    }
    try {
      new UrlDriverConnections(url, user, password).getConnection().close();
      lastProbeFailure = null;
    } catch (SQLException e) {
      lastProbeFailure = new ProbeFailure(System.nanoTime(), e);
      throw e;
    }
  }

  private record ProbeFailure(long atNanos, SQLException cause) {}

  /** The pool holds connections of the configured user; another user's are opened unpooled. */
  @Override
  public Connection getConnection(String username, String pass) throws SQLException {
    if (Objects.equals(username, user) && Objects.equals(pass, password)) {
      return getConnection();
    }
    return new UrlDriverConnections(url, user, password).getConnection(username, pass);
  }

  /** Most connections the pool opens; for tests and diagnostics. */
  int maximumPoolSize() throws SQLException {
    return pool().getMaximumPoolSize();
  }

  private synchronized HikariDataSource pool() throws SQLException {
    if (pool != null) {
      return pool;
    }
    var connections = new UrlDriverConnections(url, user, password);
    connections.driver(); // a missing driver or URL fails with its own message, not the pool's
    PoolSettings settings;
    try {
      settings = PoolSettings.read(config);
    } catch (IllegalArgumentException e) {
      throw new SQLException(e.getMessage(), "08001", e);
    }
    var hikari = new HikariConfig();
    hikari.setPoolName("chorus");
    hikari.setDataSource(connections);
    hikari.setMinimumIdle(settings.min());
    hikari.setMaximumPoolSize(settings.max());
    hikari.setConnectionTimeout(settings.maxWait().toMillis());
    try {
      pool = new HikariDataSource(hikari);
    } catch (PoolInitializationException e) {
      if (e.getCause() instanceof SQLException cause) {
        throw cause;
      }
      throw new SQLException(e.getMessage(), "08001", e);
    }
    OPEN.add(pool);
    LOG.info(
        () ->
            "Database connection pool for "
                + UrlDriverConnections.scheme(url)
                + ": "
                + settings.min()
                + " to "
                + settings.max()
                + " connections, waiting at most "
                + settings.maxWait());
    return pool;
  }

  /** Closes every pool this deployment opened; called when the application stops. */
  static void closeAll() {
    for (var open : OPEN) {
      OPEN.remove(open);
      open.close();
    }
  }

  private static Optional<String> configValue(String key) {
    return ConfigProvider.getConfig(JdbcUrlDataSource.class.getClassLoader())
        .getOptionalValue(key, String.class);
  }
}
