package dev.chorus.im.audit;

import dev.chorus.im.common.OffTheTimerThread;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes audit entries older than {@code chorus.audit.retention} (default 90 days), every {@code
 * chorus.audit.purge-interval}. A failed run (the database away, say) is logged and the next one
 * tries again.
 */
@ApplicationScoped
public class AuditPurge {
  private static final Logger LOG = Logger.getLogger(AuditPurge.class.getName());

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  @Inject AuditLog log;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "chorus.audit.retention", defaultValue = "P90D")
  Duration retention;

  @Inject
  @ConfigProperty(name = "chorus.audit.purge-interval", defaultValue = "PT1H")
  Duration interval;

  private ScheduledFuture<?> task;

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    // Fails the deployment on a zero or negative retention rather than deleting everything.
    AuditRules.retention(retention);
    long ms = interval.toMillis();
    task =
        scheduler.scheduleWithFixedDelay(
            new OffTheTimerThread("audit purge", executor, this::run),
            0,
            ms,
            TimeUnit.MILLISECONDS);
  }

  void run() {
    try {
      int deleted = purgeNow();
      if (deleted > 0) {
        LOG.info(() -> "deleted " + deleted + " audit entries older than " + retention);
      }
    } catch (RuntimeException e) {
      // Caught, or the executor would never run this task again.
      LOG.log(Level.WARNING, "could not delete old audit entries; will retry", e);
    }
  }

  /** Deletes the entries older than the retention; how many. */
  public int purgeNow() {
    return log.deleteBefore(clock.instant().minus(retention));
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
