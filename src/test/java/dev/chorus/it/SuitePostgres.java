package dev.chorus.it;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Gives the shared Arquillian Payara Micro (every {@code @ExtendWith(ArquillianExtension.class)}
 * test) a real PostgreSQL instead of H2: when {@code -Dit.postgres=true} (set by the failsafe
 * configuration) and the run includes such a test, a {@link PostgresProcess} starts before any test
 * and its URL, user and password become the system properties {@code it.db.url}, {@code it.db.user}
 * and {@code it.db.password}, which arquillian.xml passes to the server as {@code chorus.db.*}.
 * Tests that start their own server (RestartIT, DatabaseOutageIT...) keep H2, so both databases are
 * exercised in every run.
 *
 * <p>Registered in {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}. The
 * server lives as long as the test JVM: its shutdown hook stops it and deletes its files when the
 * JVM ends, after Arquillian has stopped Payara, whether tests passed or not. If it cannot start,
 * {@code it.db.error} says why and {@link ChorusServer#suiteDeployment()} fails every test with
 * that message instead of silently falling back to H2.
 */
public final class SuitePostgres implements TestExecutionListener {
  private static final Logger LOG = Logger.getLogger(SuitePostgres.class.getName());
  private static PostgresProcess postgres;

  @Override
  public void testPlanExecutionStarted(TestPlan plan) {
    if (Boolean.getBoolean("it.postgres") && usesArquillian(plan)) {
      start();
    }
  }

  /** The suite's PostgreSQL; fails when the suite runs on H2 or it did not start. */
  static synchronized PostgresProcess running() {
    if (postgres == null) {
      throw new IllegalStateException("no PostgreSQL for the suite (it.postgres=false or failed)");
    }
    return postgres;
  }

  private static synchronized void start() {
    if (postgres != null || System.getProperty("it.db.error") != null) {
      return;
    }
    try {
      long began = System.nanoTime();
      postgres = PostgresProcess.start(Path.of(System.getProperty("it.postgres.dir", "target")));
      System.setProperty("it.db.url", postgres.jdbcUrl());
      System.setProperty("it.db.user", postgres.user());
      System.setProperty("it.db.password", postgres.password());
      LOG.info(
          "PostgreSQL for the Arquillian suite at "
              + postgres.jdbcUrl()
              + " (started in "
              + (System.nanoTime() - began) / 1_000_000
              + " ms)");
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "PostgreSQL for the Arquillian suite did not start", e);
      System.setProperty("it.db.error", String.valueOf(e.getMessage()));
    }
  }

  private static boolean usesArquillian(TestPlan plan) {
    return plan.getRoots().stream()
        .flatMap(root -> plan.getDescendants(root).stream())
        .flatMap(id -> id.getSource().stream())
        .filter(ClassSource.class::isInstance)
        .map(source -> ((ClassSource) source).getJavaClass())
        .anyMatch(SuitePostgres::isArquillianTest);
  }

  private static boolean isArquillianTest(Class<?> type) {
    var extendWith = type.getAnnotation(ExtendWith.class);
    return extendWith != null
        && Arrays.stream(extendWith.value())
            .anyMatch(e -> e.getName().equals("org.jboss.arquillian.junit5.ArquillianExtension"));
  }
}
