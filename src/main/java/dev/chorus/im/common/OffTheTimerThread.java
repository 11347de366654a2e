package dev.chorus.im.common;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A timer's trigger for work that may block (a database call): the work runs on {@code executor},
 * never on the scheduler's thread, which the heartbeat, presence and call timers share (Payara's
 * default scheduled executor has one). While a run is still going, the next trigger is skipped
 * rather than queued, and a trigger never throws (an exception would cancel a periodic task).
 */
public final class OffTheTimerThread implements Runnable {
  private static final Logger LOG = Logger.getLogger(OffTheTimerThread.class.getName());

  private final String name;
  private final Executor executor;
  private final Runnable work;
  private final AtomicBoolean running = new AtomicBoolean();

  public OffTheTimerThread(String name, Executor executor, Runnable work) {
    this.name = name;
    this.executor = executor;
    this.work = work;
  }

  @Override
  public void run() {
    if (!running.compareAndSet(false, true)) {
      LOG.fine(() -> name + ": the last run is still going; skipped");
      return;
    }
    try {
      executor.execute(this::runOnce);
    } catch (RuntimeException e) {
      running.set(false);
      LOG.log(Level.WARNING, name + ": could not be started; trying at the next trigger", e);
    }
  }

  private void runOnce() {
    try {
      work.run();
    } finally {
      running.set(false);
    }
  }
}
