package dev.chorus.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.directory.BasicAttribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.ModificationItem;

/**
 * A real OpenLDAP ({@code slapd} from Debian's package) on 127.0.0.1 and a free port, in a
 * directory of its own: schemas from /etc/ldap/schema, an MDB database filled by {@code slapadd}
 * from the given LDIF, and the access rules of a typical company directory (passwords only for
 * binding, entries readable by authenticated accounts only). It runs as a daemon; {@link #close()}
 * stops it through its pidfile. The test changes entries as the directory's root.
 */
public final class Slapd implements AutoCloseable {
  public static final String SUFFIX = "dc=chorus,dc=test";
  public static final String ROOT_DN = "cn=admin," + SUFFIX;
  private static final Duration STARTUP = Duration.ofSeconds(20);

  private final Path dir;
  private final int port;
  private final String rootPassword;

  private Slapd(Path dir, int port, String rootPassword) {
    this.dir = dir;
    this.port = port;
    this.rootPassword = rootPassword;
  }

  /**
   * Starts a directory holding {@code ldif} (the suffix entry included); returns once it answers.
   */
  public static Slapd start(Path dir, String ldif) {
    var slapd = binary("slapd.binary", "/usr/sbin/slapd");
    var slapadd = binary("slapadd.binary", "/usr/sbin/slapadd");
    var slappasswd = binary("slappasswd.binary", "/usr/sbin/slappasswd");
    try {
      Files.createDirectories(dir.resolve("db"));
      int port;
      try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = probe.getLocalPort();
      }
      var rootPassword = "root-" + Long.toHexString(System.nanoTime());
      var rootHash = run(dir, slappasswd, "-s", rootPassword).strip();
      var conf =
          String.join(
              "\n",
              "include /etc/ldap/schema/core.schema",
              "include /etc/ldap/schema/cosine.schema",
              "include /etc/ldap/schema/inetorgperson.schema",
              "include /etc/ldap/schema/nis.schema",
              "pidfile " + dir.resolve("slapd.pid"),
              "argsfile " + dir.resolve("slapd.args"),
              "modulepath /usr/lib/ldap",
              "moduleload back_mdb",
              "database mdb",
              "maxsize 10485760",
              "suffix \"" + SUFFIX + "\"",
              "rootdn \"" + ROOT_DN + "\"",
              "rootpw " + rootHash,
              "directory " + dir.resolve("db"),
              "access to attrs=userPassword by anonymous auth by * none",
              "access to * by users read by * none",
              "");
      var confFile = Files.writeString(dir.resolve("slapd.conf"), conf);
      var ldifFile = Files.writeString(dir.resolve("data.ldif"), ldif);
      run(dir, slapadd, "-f", confFile.toString(), "-l", ldifFile.toString());
      var url = "ldap://127.0.0.1:" + port + "/";
      // slapd forks into the background once listening; the pidfile is how it is stopped.
      run(dir, slapd, "-f", confFile.toString(), "-h", url);
      var server = new Slapd(dir, port, rootPassword);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "ldap://127.0.0.1:" + port;
  }

  /** Replaces an attribute's values on an entry, as the directory's administrator would. */
  public void replace(String dn, String attribute, String... values) {
    var attr = new BasicAttribute(attribute);
    for (var v : values) {
      attr.add(v);
    }
    modify(dn, new ModificationItem(DirContext.REPLACE_ATTRIBUTE, attr));
  }

  /** Removes one value of an attribute (e.g. a member of a group). */
  public void removeValue(String dn, String attribute, String value) {
    modify(
        dn,
        new ModificationItem(DirContext.REMOVE_ATTRIBUTE, new BasicAttribute(attribute, value)));
  }

  public void delete(String dn) {
    withRoot(ctx -> ctx.destroySubcontext(new javax.naming.ldap.LdapName(dn)));
  }

  private void modify(String dn, ModificationItem item) {
    withRoot(
        ctx ->
            ctx.modifyAttributes(
                new javax.naming.ldap.LdapName(dn), new ModificationItem[] {item}));
  }

  private interface RootAction {
    void run(DirContext ctx) throws NamingException;
  }

  private void withRoot(RootAction action) {
    var env = new Hashtable<String, Object>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
    env.put(Context.PROVIDER_URL, url());
    env.put(Context.SECURITY_AUTHENTICATION, "simple");
    env.put(Context.SECURITY_PRINCIPAL, ROOT_DN);
    env.put(Context.SECURITY_CREDENTIALS, rootPassword);
    env.put("com.sun.jndi.ldap.connect.timeout", "5000");
    env.put("com.sun.jndi.ldap.read.timeout", "5000");
    try {
      var ctx = new InitialDirContext(env);
      try {
        action.run(ctx);
      } finally {
        ctx.close();
      }
    } catch (NamingException e) {
      throw new IllegalStateException("changing the test directory failed: " + e, e);
    }
  }

  private void awaitReady() {
    var deadline = System.nanoTime() + STARTUP.toNanos();
    IllegalStateException last = null;
    while (System.nanoTime() < deadline) {
      try {
        withRoot(ctx -> ctx.getAttributes(new javax.naming.ldap.LdapName(SUFFIX)));
        return;
      } catch (IllegalStateException notYet) {
        last = notYet;
      }
      PayaraProcess.sleep(50);
    }
    close();
    throw new IllegalStateException(
        "slapd did not answer on " + url() + " within " + STARTUP, last);
  }

  /** Stops slapd through its pidfile and waits for it to exit; safe to call more than once. */
  @Override
  public void close() {
    var pidFile = dir.resolve("slapd.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    try {
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      var handle = ProcessHandle.of(pid);
      if (handle.isPresent()) {
        handle.get().destroy();
        try {
          handle.get().onExit().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          handle.get().destroyForcibly();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String binary(String property, String fallback) {
    var path = System.getProperty(property, fallback);
    if (!Files.isExecutable(Path.of(path))) {
      throw new IllegalStateException(
          path
              + " is missing: the LDAP tests need OpenLDAP's server (Debian: apt-get install slapd"
              + " ldap-utils; .ci/run installs them)");
    }
    return path;
  }

  private static String run(Path dir, String... command) throws IOException {
    var cmd = new ArrayList<>(List.of(command));
    var log = dir.resolve("cmd-" + Path.of(command[0]).getFileName() + ".log");
    var process =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    var out = Files.readString(log, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " failed (" + process.exitValue() + "):\n" + out);
    }
    return out;
  }
}
