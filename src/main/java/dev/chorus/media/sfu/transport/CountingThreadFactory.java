package dev.chorus.media.sfu.transport;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps the container's thread factory to count the engine's threads that are alive, so tests and
 * the admin API can check that the count does not grow with participants.
 */
final class CountingThreadFactory implements ThreadFactory {
  private final ThreadFactory delegate;
  private final AtomicInteger alive = new AtomicInteger();
  private final AtomicInteger made = new AtomicInteger();

  CountingThreadFactory(ThreadFactory delegate) {
    this.delegate = Objects.requireNonNull(delegate, "threads");
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread thread =
        delegate.newThread(
            () -> {
              try {
                task.run();
              } finally {
                alive.decrementAndGet();
              }
            });
    if (thread != null) {
      // Counted from creation: the engine starts every thread it asks for at once.
      alive.incrementAndGet();
      made.incrementAndGet();
    }
    return thread;
  }

  /** Threads made by this factory that have not yet finished their task. */
  int alive() {
    return alive.get();
  }

  /**
   * Waits until no thread of this factory is running its task any more, for at most {@code
   * timeoutNanos}: a pool reports termination a moment before its last worker has returned.
   *
   * @return true if none is alive
   */
  boolean awaitNone(long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    while (alive.get() > 0) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(1);
    }
    return true;
  }

  /** Threads made so far. */
  int made() {
    return made.get();
  }
}
