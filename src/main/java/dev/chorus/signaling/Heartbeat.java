package dev.chorus.signaling;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason.CloseCodes;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Finds dead sockets without waiting for TCP: every interval each socket gets a WebSocket ping, and
 * one that has sent nothing (no message, no pong) for three intervals is closed, which makes its
 * user go offline like any other close.
 */
@ApplicationScoped
public class Heartbeat {
  static final int MISSED_BEATS = 3;

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  @Inject Connections connections;

  @Inject
  @ConfigProperty(name = "chorus.socket.heartbeat", defaultValue = "PT3S")
  Duration interval;

  private ScheduledFuture<?> task;

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    long ms = interval.toMillis();
    task = scheduler.scheduleAtFixedRate(this::beat, ms, ms, TimeUnit.MILLISECONDS);
  }

  void beat() {
    long now = System.nanoTime();
    long limit = interval.toNanos() * MISSED_BEATS;
    for (var c : connections.all()) {
      if (c.silentForNanos(now) > limit) {
        // Unregister first: a half-dead TCP connection may take long to report its close.
        connections.unregister(c);
        c.close(CloseCodes.GOING_AWAY, "no heartbeat");
      } else {
        c.ping();
      }
    }
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
