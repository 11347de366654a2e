package dev.chorus.im.account;

import dev.chorus.im.common.OverloadedException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * At most {@code permits} pieces of expensive work at once, with a short queue in front: a caller
 * waits up to {@code maxWait} for a permit if fewer than {@code maxWaiting} are already waiting,
 * and is refused with {@link OverloadedException} otherwise. Refusing early keeps a flood from
 * tying up every request thread (and the health check) behind CPU-bound work.
 */
public final class ConcurrencyLimit {
  private final Semaphore permits;
  private final int maxWaiting;
  private final Duration maxWait;
  private final AtomicInteger waiting = new AtomicInteger();

  public ConcurrencyLimit(int permits, int maxWaiting, Duration maxWait) {
    if (permits < 1 || maxWaiting < 0 || maxWait.isNegative()) {
      throw new IllegalArgumentException("permits >= 1, maxWaiting >= 0, maxWait >= 0 required");
    }
    // Fair, so waiters are served in arrival order and nobody starves behind newcomers.
    this.permits = new Semaphore(permits, true);
    this.maxWaiting = maxWaiting;
    this.maxWait = maxWait;
  }

  /**
   * Runs {@code work} under a permit and returns its result; the permit is returned however the
   * work ends.
   *
   * @throws OverloadedException if no permit is free and the queue is full or the wait runs out
   */
  public <T> T call(Supplier<T> work) {
    acquire();
    try {
      return work.get();
    } finally {
      permits.release();
    }
  }

  /** Permits free right now (for stats and tests). */
  public int available() {
    return permits.availablePermits();
  }

  private void acquire() {
    if (permits.tryAcquire()) {
      return;
    }
    if (waiting.incrementAndGet() > maxWaiting) {
      waiting.decrementAndGet();
      throw busy();
    }
    try {
      if (!permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw busy();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw busy();
    } finally {
      waiting.decrementAndGet();
    }
  }

  private OverloadedException busy() {
    return new OverloadedException(
        "The server is busy checking passwords. Try again in a moment.",
        maxWait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : maxWait);
  }
}
