package dev.chorus.media.sfu.transport;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs at most {@code limit} tasks at once on a shared executor; the rest wait in order. Used for
 * blocking DTLS handshakes when the engine is given an executor rather than a thread factory, so a
 * burst of joins cannot occupy a thread each.
 */
final class BoundedExecutor implements Executor {
  private final Executor delegate;
  private final int limit;
  private final Queue<Runnable> waiting = new ArrayDeque<>();
  private int running; // guarded by waiting

  BoundedExecutor(Executor delegate, int limit) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    this.limit = limit;
  }

  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    synchronized (waiting) {
      if (running >= limit) {
        waiting.add(task);
        return;
      }
      running++;
    }
    submit(task);
  }

  private void submit(Runnable first) {
    try {
      delegate.execute(() -> runFrom(first));
    } catch (RejectedExecutionException e) {
      synchronized (waiting) {
        running--;
      }
      throw e;
    }
  }

  /**
   * Runs {@code task}, then whatever waits, on the same slot. An Error out of a task ends this run
   * (it propagates to the delegate's thread) but gives the slot back first and hands what waits to
   * a new one, so a failed task cannot shrink the pool for good.
   */
  private void runFrom(Runnable task) {
    Runnable next = task;
    boolean slotReleased = false;
    try {
      while (next != null) {
        try {
          next.run();
        } catch (RuntimeException e) {
          System.getLogger(BoundedExecutor.class.getName())
              .log(System.Logger.Level.WARNING, "Task failed", e);
        }
        synchronized (waiting) {
          next = waiting.poll();
          if (next == null) {
            running--;
            slotReleased = true;
          }
        }
      }
    } finally {
      if (!slotReleased) {
        handOver();
      }
    }
  }

  /** Gives up the current slot after an Error; the first waiting task, if any, takes a new one. */
  private void handOver() {
    Runnable next;
    synchronized (waiting) {
      next = waiting.poll();
      if (next == null) {
        running--;
        return;
      }
    }
    try {
      submit(next);
    } catch (RejectedExecutionException e) {
      // The delegate is shutting down; submit() gave the slot back. The Error in flight matters.
      System.getLogger(BoundedExecutor.class.getName())
          .log(System.Logger.Level.WARNING, "Waiting task dropped: executor refused it", e);
    }
  }
}
