package dev.chorus.media.ice;

/**
 * Pauses between restarts of a failing loop: doubling from {@code min} up to {@code max} while
 * failures follow each other, back to {@code min} once the loop has run a while without one. Used
 * by one thread at a time.
 */
final class Backoff {
  /** A loop that ran this long since its last failure is healthy again. */
  private static final long CALM_NANOS = 10_000_000_000L;

  private final long min;
  private final long max;
  private long pause;
  private long lastAt;
  private boolean any;

  Backoff(long minMillis, long maxMillis) {
    this.min = minMillis;
    this.max = maxMillis;
    this.pause = minMillis;
  }

  /** The pause before the next attempt, in milliseconds. */
  long next() {
    long now = System.nanoTime();
    pause = any && now - lastAt < CALM_NANOS ? Math.min(max, pause * 2) : min;
    any = true;
    lastAt = now;
    return pause;
  }
}
