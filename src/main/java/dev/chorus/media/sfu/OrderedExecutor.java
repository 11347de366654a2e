package dev.chorus.media.sfu;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs tasks one at a time in submission order on a shared executor, so that one transport's
 * listener sees its state changes in the order they happened even when the executor is a pool.
 */
final class OrderedExecutor implements Executor {
  private static final System.Logger LOG = System.getLogger(OrderedExecutor.class.getName());

  private final Executor delegate;
  private final Queue<Runnable> queue = new ArrayDeque<>();
  private boolean draining;

  OrderedExecutor(Executor delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    synchronized (queue) {
      queue.add(task);
      if (draining) {
        return;
      }
      draining = true;
    }
    try {
      delegate.execute(this::drain);
    } catch (RejectedExecutionException e) {
      // The executor is shutting down (undeploy): deliver the last events here rather than lose
      // them.
      drain();
    }
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (queue) {
        next = queue.poll();
        if (next == null) {
          draining = false;
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Transport listener failed", e);
      }
    }
  }
}
