package dev.chorus.media.ice;

import java.lang.System.Logger.Level;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * Keeps one socket loop ({@link UdpSocket}'s reader, {@link TcpListener}'s selector loop) running
 * until it is stopped, whatever happens: any {@link Throwable} out of the loop is logged at ERROR,
 * counted, and the loop runs again after a pause, once the owner has repaired what it can (e.g.
 * bound a closed socket again). Pauses double from 10 ms up to 1 s while failures follow each
 * other, so a loop that fails at once does not spin, and drop back once it has run a while.
 *
 * <p>An interrupt does not stop the loop (only {@link #stop()} does: a port that an interrupt, e.g.
 * from a pool shutting down, could end is the failure this class exists to prevent); it is cleared
 * and logged, also because a pending interrupt makes every {@code select()} return at once.
 */
final class Supervisor {
  /** The loop body, run until it returns (stopped) or throws (restarted). */
  interface Loop {
    void run() throws Exception;
  }

  private static final System.Logger LOG = System.getLogger(Supervisor.class.getName());
  private static final long MIN_PAUSE_MILLIS = 10;
  private static final long MAX_PAUSE_MILLIS = 1000;

  /** A loop that ran this long since its last failure is healthy again. */
  private static final long CALM_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final String what;
  private final LongAdder restarts = new LongAdder();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running;
  private long pause = MIN_PAUSE_MILLIS; // the loop's thread only
  private long lastFailureAt;
  private boolean failedBefore;

  /**
   * @param what the loop's name for the log, e.g. "UDP reader on /127.0.0.1:10000"
   */
  Supervisor(String what) {
    this.what = what;
  }

  /**
   * Runs {@code loop} on the calling thread until {@link #stop()}; after each failure, pauses and
   * then calls {@code repair} (again after a pause while it returns false) before the next run.
   */
  void run(Loop loop, BooleanSupplier repair) {
    running = true;
    try {
      supervise(loop, repair);
    } finally {
      running = false;
    }
  }

  private void supervise(Loop loop, BooleanSupplier repair) {
    while (!isStopped()) {
      if (Thread.interrupted()) {
        LOG.log(Level.WARNING, "{0} was interrupted; it goes on until closed", what);
      }
      try {
        loop.run();
      } catch (Throwable e) { // the loop must outlive any failure but stop()
        if (isStopped()) {
          return;
        }
        restarts.increment();
        LOG.log(Level.ERROR, what + " failed; restarting it", e);
        pause();
        while (!isStopped() && !repair.getAsBoolean()) {
          pause();
        }
      }
    }
  }

  /** Ends {@link #run} once the loop returns, and any pause at once. */
  void stop() {
    stopped.countDown();
  }

  /**
   * Whether a thread is inside {@link #run} now: false before the reader task started and after it
   * ended (stopped, or its thread died of something even this class could not catch), which the
   * liveness check reports.
   */
  boolean isRunning() {
    return running;
  }

  boolean isStopped() {
    return stopped.getCount() == 0;
  }

  /** How often the loop failed and was restarted. */
  long restarts() {
    return restarts.sum();
  }

  private void pause() {
    long now = System.nanoTime();
    pause =
        failedBefore && now - lastFailureAt < CALM_NANOS
            ? Math.min(MAX_PAUSE_MILLIS, pause * 2)
            : MIN_PAUSE_MILLIS;
    failedBefore = true;
    lastFailureAt = now;
    try {
      stopped.await(pause, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      LOG.log(Level.WARNING, "{0} was interrupted; it goes on until closed", what);
    }
  }
}
