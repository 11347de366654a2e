package dev.chorus.admin;

import java.time.Duration;

/**
 * When Chorus is alive and ready, as plain rules the health checks apply to what they read (unit
 * tested on their own).
 */
final class HealthRules {
  private HealthRules() {}

  /**
   * The socket heartbeat is alive while its task is scheduled and began a beat within {@code
   * missed} intervals: a fixed-rate task that threw, was cancelled or whose pool died beats no
   * more.
   */
  static boolean heartbeatAlive(
      boolean scheduled, Duration sinceLastBeat, Duration interval, int missed) {
    return scheduled && sinceLastBeat.compareTo(interval.multipliedBy(Math.max(1, missed))) <= 0;
  }

  /**
   * The media threads are alive unless the engine runs and one of its socket readers no longer does
   * (a reader that only failed is restarted by its supervisor and still counts as running). An
   * engine that is off or failed to start is not a dead thread: readiness reports it (ports not
   * bound), and restarting the process would not fix a port someone else holds.
   */
  static boolean mediaThreadsAlive(boolean running, int readersRunning, int readerTasks) {
    return !running || readersRunning >= readerTasks;
  }

  /**
   * Ready for media when media is configured off (nothing to wait for) or the engine runs with
   * every port bound.
   */
  static boolean mediaReady(boolean enabled, boolean running, boolean portsBound) {
    return !enabled || running && portsBound;
  }
}
