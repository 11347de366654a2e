package dev.chorus.media.ice;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs tasks one at a time, in submission order, on threads of a shared executor, so that the
 * events of one session, transport or router reach their listener in the order they happened even
 * on a pool. Used by {@code media.ice} and {@code media.sfu}.
 */
public final class SerialExecutor implements Executor {
  private final Executor delegate;
  private final Queue<Runnable> tasks = new ArrayDeque<>();
  private boolean running;

  public SerialExecutor(Executor delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    synchronized (tasks) {
      tasks.add(task);
      if (running) {
        return;
      }
      running = true;
    }
    try {
      delegate.execute(this::drain);
    } catch (RejectedExecutionException e) {
      // The pool is shutting down (application undeploy): deliver on the caller's thread rather
      // than lose the final events.
      drain();
    }
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (tasks) {
        next = tasks.poll();
        if (next == null) {
          running = false;
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException | Error e) {
        // Caught per task, Errors too: escaping, it would leave "running" set and every later
        // event of this session, transport or router undelivered.
        System.getLogger(SerialExecutor.class.getName())
            .log(System.Logger.Level.WARNING, "Listener failed", e);
      }
    }
  }
}
