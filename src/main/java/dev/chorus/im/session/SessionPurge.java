package dev.chorus.im.session;

import dev.chorus.im.common.OffTheTimerThread;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes the sessions that can no longer authenticate anything, expired or revoked: every login
 * adds a row, and a server that runs for months must not keep them all. A failed run (the database
 * away, say) is logged and the next one tries again.
 */
@ApplicationScoped
public class SessionPurge {
  private static final Logger LOG = Logger.getLogger(SessionPurge.class.getName());

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Clock clock;

  /** This bean through its proxy: the scheduled run must go through the transaction interceptor. */
  @Inject SessionPurge self;

  @Inject
  @ConfigProperty(name = "chorus.session.purge-interval", defaultValue = "PT10M")
  Duration interval;

  private ScheduledFuture<?> task;

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    long ms = interval.toMillis();
    task =
        scheduler.scheduleWithFixedDelay(
            new OffTheTimerThread("session purge", executor, this::run),
            ms,
            ms,
            TimeUnit.MILLISECONDS);
  }

  private void run() {
    try {
      int deleted = self.deleteDead();
      if (deleted > 0) {
        LOG.fine(() -> "deleted " + deleted + " expired or revoked sessions");
      }
    } catch (RuntimeException e) {
      // Caught, or the executor would never run this task again.
      LOG.log(Level.WARNING, "could not delete expired and revoked sessions; will retry", e);
    }
  }

  /** Deletes every expired or revoked session; how many there were. */
  @Transactional
  public int deleteDead() {
    return em.createQuery(
            "delete from SessionToken s where s.revokedAt is not null or s.expiresAt <= :now")
        .setParameter("now", clock.instant())
        .executeUpdate();
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
