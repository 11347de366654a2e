package dev.chorus.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server from the operating system's package (Debian's {@code postgresql}:
 * {@code /usr/lib/postgresql/<version>/bin}), in a directory of its own on a free loopback port,
 * with one database and one user (owner of the database) for Chorus. {@link #close()} stops it and
 * deletes its files.
 *
 * <p>PostgreSQL refuses to run as root, so when the tests run as root (CI containers) its commands
 * run as the {@code postgres} user the package creates ({@code runuser}), which then owns the
 * directory. No unix socket: everything, the test's own {@code psql} calls included, goes through
 * TCP on 127.0.0.1, so long directory names do not matter.
 */
public final class PostgresProcess implements AutoCloseable {
  public static final String DATABASE = "chorus";
  public static final String USER = "chorus";
  public static final String PASSWORD = "chorus-pg";

  private static final long COMMAND_TIMEOUT_SECONDS = 60;
  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  private final Path bin;
  private final Path dir;
  private final int port;
  private final Thread stopAtExit;
  private boolean stopped;

  private PostgresProcess(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    // If the JVM ends without close() (a crashed test run, Ctrl-C), the server must not outlive it.
    this.stopAtExit = new Thread(this::stopQuietly, "postgres-stop-" + port);
    Runtime.getRuntime().addShutdownHook(stopAtExit);
  }

  /**
   * Initialises a new cluster under {@code parent} (a fresh directory inside it), starts it and
   * creates the Chorus database and user; returns once it accepts connections.
   */
  public static PostgresProcess start(Path parent) {
    var bin = findBin();
    try {
      Files.createDirectories(parent);
      var base = parent.toAbsolutePath();
      if (ROOT && !traversableByOthers(base)) {
        // e.g. a checkout under /root (rwx------): the postgres user could not reach its files
        base = Path.of(System.getProperty("it.postgres.fallback.dir", "/tmp"));
      }
      var dir = Files.createTempDirectory(base, "postgres-");
      if (ROOT) {
        // createTempDirectory makes it rwx------ for root; the server runs as postgres.
        run(dir, List.of("chown", "postgres:postgres", dir.toString()));
      }
      runAsOwner(
          dir,
          bin,
          "initdb",
          "-D",
          dir.resolve("data").toString(),
          "-U",
          "postgres",
          "-A",
          "trust",
          "-E",
          "UTF8",
          "--locale=C",
          "--no-sync");
      var server = startOnFreePort(bin, dir);
      server.psql("CREATE USER " + USER + " PASSWORD '" + PASSWORD + "'");
      server.psql("CREATE DATABASE " + DATABASE + " OWNER " + USER);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // A port found free may be taken before the server binds it: then try another one.
  private static PostgresProcess startOnFreePort(Path bin, Path dir) throws IOException {
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      try {
        runAsOwner(
            dir,
            bin,
            "pg_ctl",
            "-D",
            dir.resolve("data").toString(),
            "-l",
            dir.resolve("server.log").toString(),
            "-o",
            "-p "
                + port
                + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            "-w",
            "-t",
            "60",
            "start");
        return new PostgresProcess(bin, dir, port);
      } catch (IllegalStateException e) {
        last = e;
      }
    }
    throw last;
  }

  public int port() {
    return port;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  public String user() {
    return USER;
  }

  public String password() {
    return PASSWORD;
  }

  /**
   * Waits until the application's user holds exactly {@code expected} connections to the Chorus
   * database (a connection pool settles after its first use), and fails naming the last count.
   */
  public void awaitConnectionsOfChorus(int expected, String whose) {
    var count =
        "select count(*) from pg_stat_activity where datname = '"
            + DATABASE
            + "' and usename = '"
            + USER
            + "'";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    String held;
    do {
      held = sql(count).strip();
      if (held.equals(Integer.toString(expected))) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    } while (System.nanoTime() < deadline);
    throw new AssertionError(
        "connections of " + whose + " to PostgreSQL: expected " + expected + ", held " + held);
  }

  /** Runs one SQL statement as the superuser in the Chorus database; returns psql's output. */
  public String sql(String statement) {
    return psql(statement, DATABASE);
  }

  private String psql(String statement) {
    return psql(statement, "postgres");
  }

  private String psql(String statement, String database) {
    return run(
        dir,
        List.of(
            bin.resolve("psql").toString(),
            "-X",
            "-q",
            "-A",
            "-t",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            "127.0.0.1",
            "-p",
            Integer.toString(port),
            "-U",
            "postgres",
            "-d",
            database,
            "-c",
            statement));
  }

  /** The server's own log, for failure messages. */
  public String log() {
    try {
      return Files.readString(dir.resolve("server.log"));
    } catch (IOException e) {
      return "(no server log: " + e + ")";
    }
  }

  @Override
  public void close() {
    stopQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run: nothing left to remove
    }
  }

  private synchronized void stopQuietly() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      // immediate: the data is thrown away anyway, no need for a clean checkpoint
      runAsOwner(
          dir,
          bin,
          "pg_ctl",
          "-D",
          dir.resolve("data").toString(),
          "-m",
          "immediate",
          "-w",
          "stop");
    } catch (RuntimeException e) {
      // the server may never have come up; deleting its files is still right
    }
    deleteTree(dir);
  }

  private static boolean traversableByOthers(Path dir) {
    for (var p = dir; p != null; p = p.getParent()) {
      try {
        if (!Files.getPosixFilePermissions(p)
            .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
          return false;
        }
      } catch (IOException | UnsupportedOperationException e) {
        return false;
      }
    }
    return true;
  }

  /** The newest {@code /usr/lib/postgresql/<version>/bin} with an initdb, or a clear failure. */
  static Path findBin() {
    var configured = System.getProperty("it.postgres.bin", System.getenv("CHORUS_IT_PG_BIN"));
    if (configured != null && !configured.isBlank()) {
      return requireInitdb(Path.of(configured));
    }
    var root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        var found =
            versions
                .map(v -> v.resolve("bin"))
                .filter(b -> Files.isExecutable(b.resolve("initdb")))
                .max(Comparator.comparingInt(PostgresProcess::majorVersion));
        if (found.isPresent()) {
          return found.get();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException(
        "PostgreSQL is not installed: no /usr/lib/postgresql/<version>/bin/initdb. The tests need"
            + " a real PostgreSQL server: install Debian's package (apt-get install postgresql),"
            + " or point -Dit.postgres.bin at a directory holding initdb, pg_ctl and psql.");
  }

  private static Path requireInitdb(Path bin) {
    if (!Files.isExecutable(bin.resolve("initdb"))) {
      throw new IllegalStateException("No executable initdb in " + bin + " (it.postgres.bin)");
    }
    return bin;
  }

  private static int majorVersion(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Runs a PostgreSQL program as the user that owns the cluster (postgres when we are root). */
  private static String runAsOwner(Path dir, Path bin, String program, String... args) {
    var cmd = new ArrayList<String>();
    if (ROOT) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.add(bin.resolve(program).toString());
    cmd.addAll(List.of(args));
    return run(dir, cmd);
  }

  private static String run(Path dir, List<String> cmd) {
    try {
      // Output to a file, not a pipe: pg_ctl's server child would keep a pipe open forever.
      var out = Files.createTempFile(dir, "cmd-", ".out");
      try {
        var process =
            new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(
              "Timed out after " + COMMAND_TIMEOUT_SECONDS + " s: " + cmd + "\n" + read(out));
        }
        var output = read(out);
        if (process.exitValue() != 0) {
          throw new IllegalStateException(
              "Failed (exit " + process.exitValue() + "): " + cmd + "\n" + output);
        }
        return output;
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + cmd, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted: " + cmd, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  private static int freePort() throws IOException {
    try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // best effort: a leftover temp file is not worth failing a test run for
                }
              });
    } catch (IOException e) {
      // as above
    }
  }
}
