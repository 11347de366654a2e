package dev.chorus.im.common;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OffTheTimerThreadTest {
  /** An executor that holds its tasks until the test runs them. */
  private final ArrayDeque<Runnable> queued = new ArrayDeque<>();

  private final AtomicInteger runs = new AtomicInteger();

  @Test
  void theWorkRunsOnTheExecutorNotOnTheTriggeringThread() {
    var trigger = new OffTheTimerThread("purge", queued::add, runs::incrementAndGet);
    trigger.run();
    assertEquals(0, runs.get(), "nothing ran on the timer's thread");
    assertEquals(1, queued.size());
    queued.poll().run();
    assertEquals(1, runs.get());
  }

  @Test
  void aTriggerWhileARunIsGoingIsSkippedAndTheNextOneAfterItRuns() {
    var trigger = new OffTheTimerThread("purge", queued::add, runs::incrementAndGet);
    trigger.run();
    trigger.run();
    trigger.run();
    assertEquals(1, queued.size(), "one run at a time, none queued behind it");
    queued.poll().run();
    trigger.run();
    assertEquals(1, queued.size(), "the next trigger after the run ended starts one");
  }

  @Test
  void aFailingRunOrARefusingExecutorDoesNotStopLaterRuns() {
    var failing =
        new OffTheTimerThread(
            "purge",
            queued::add,
            () -> {
              runs.incrementAndGet();
              throw new IllegalStateException("database away");
            });
    failing.run();
    var first = queued.poll();
    try {
      first.run();
    } catch (IllegalStateException expected) {
      // the work's own exception reaches the executor, which logs it
    }
    failing.run();
    assertEquals(1, queued.size(), "runs again after a failure");

    var refused =
        new OffTheTimerThread(
            "purge",
            task -> {
              throw new RejectedExecutionException("shutting down");
            },
            runs::incrementAndGet);
    assertDoesNotThrow(refused::run, "a periodic trigger must never throw");
    assertDoesNotThrow(refused::run);
  }
}
