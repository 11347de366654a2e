package dev.chorus.signaling;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Looks after every socket on a fixed beat, so nothing depends on the client's next frame:
 *
 * <ul>
 *   <li>a socket that has not authenticated within the auth timeout is closed (1008);
 *   <li>a socket whose token has expired is closed (1008, "session expired");
 *   <li>a socket whose frame in flight is stuck past the send timeout is closed (1013);
 *   <li>a socket that has sent nothing (no message, no pong) for three ping periods is closed,
 *       which makes its user go offline like any other close; every other idle socket gets a ping
 *       once per period. The period is one beat while the sockets are few, and longer once that
 *       would exceed {@code chorus.socket.heartbeat-pings-per-second} ({@link PingPacer}).
 * </ul>
 *
 * Each socket is checked on its own: one that throws is logged and skipped, and the beat goes on
 * with the rest, now and at every later beat (an exception escaping a fixed-rate task would cancel
 * it for good).
 */
@ApplicationScoped
public class Heartbeat {
  static final int MISSED_BEATS = 3;
  private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  @Inject Connections connections;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "chorus.socket.heartbeat", defaultValue = "PT3S")
  Duration interval;

  @Inject
  @ConfigProperty(name = "chorus.socket.auth-timeout", defaultValue = "PT5S")
  Duration authTimeout;

  @Inject
  @ConfigProperty(name = "chorus.socket.heartbeat-pings-per-second", defaultValue = "1000")
  int pingsPerSecond;

  private ScheduledFuture<?> task;
  // The previous beat's, whose silence limit the next one comes down from (beats never overlap).
  private volatile PingPacer lastPacer;
  // System.nanoTime() of the last beat that began (of the start before the first), for liveness.
  private volatile long lastBeatNanos = System.nanoTime();

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    lastBeatNanos = System.nanoTime();
    long ms = interval.toMillis();
    task = scheduler.scheduleAtFixedRate(this::beat, ms, ms, TimeUnit.MILLISECONDS);
  }

  void beat() {
    lastBeatNanos = System.nanoTime();
    try {
      beat(connections.unauthenticated(), connections.all(), clock.instant(), System.nanoTime());
    } catch (RuntimeException | Error e) {
      // Error too: anything escaping a fixed-rate task cancels it for good.
      LOG.log(Level.WARNING, "heartbeat failed; trying again at the next beat", e);
    }
  }

  /** One beat over these sockets; never throws for one socket's failure. */
  void beat(List<Connection> unauthenticated, List<Connection> open, Instant now, long nowNanos) {
    for (var c : unauthenticated) {
      safely(() -> checkAuthTimeout(c, nowNanos));
    }
    var pacer = PingPacer.forBeat(open.size(), interval, pingsPerSecond, lastPacer);
    lastPacer = pacer;
    for (var c : open) {
      safely(() -> check(c, now, nowNanos, pacer));
    }
  }

  private void checkAuthTimeout(Connection c, long nowNanos) {
    if (c.openForNanos(nowNanos) > authTimeout.toNanos()) {
      c.close(
          Connection.POLICY,
          "no auth within " + authTimeout.toSeconds() + " s: " + ChorusSocket.AUTH_FIRST);
    }
  }

  private void check(Connection c, Instant now, long nowNanos, PingPacer pacer) {
    if (c.isExpiredAt(now)) {
      c.close(Connection.POLICY, "session expired: log in again");
    } else if (c.closeIfStalled(nowNanos)) {
      LOG.fine(() -> "socket " + c.id() + " closed: a send took over the send timeout");
    } else {
      long silent = c.silentForNanos(nowNanos);
      if (silent > pacer.silenceLimitNanos()) {
        c.close(Connection.GOING_AWAY, "no heartbeat");
      } else if (pacer.mayPing(c.sincePingNanos(nowNanos), silent) && c.ping()) {
        pacer.pinged();
      }
    }
  }

  private static void safely(Runnable check) {
    try {
      check.run();
    } catch (RuntimeException | Error e) {
      LOG.log(Level.WARNING, "heartbeat check failed for one socket; going on with the rest", e);
    }
  }

  /** The beat's interval (chorus.socket.heartbeat). */
  public Duration interval() {
    return interval;
  }

  /** How long ago the last beat began (since the start before the first beat). */
  public Duration sinceLastBeat() {
    return Duration.ofNanos(System.nanoTime() - lastBeatNanos);
  }

  /**
   * Whether the beat is scheduled and not cancelled (a fixed-rate task ends for good on either).
   */
  public boolean scheduled() {
    var t = task;
    return t != null && !t.isDone();
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
