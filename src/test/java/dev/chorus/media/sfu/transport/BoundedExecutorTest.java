package dev.chorus.media.sfu.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The handshake pool's bound: slots come back whatever a task throws. */
class BoundedExecutorTest {
  private final LinkedBlockingQueue<Throwable> uncaught = new LinkedBlockingQueue<>();
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          r -> {
            var t = new Thread(r, "bounded-executor-test");
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
            return t;
          });

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
  }

  @Test
  void anErrorFromATaskDoesNotKeepItsSlot() throws Exception {
    var bounded = new BoundedExecutor(pool, 1);
    bounded.execute(
        () -> {
          throw new Error("task failed badly");
        });
    var uncaughtError = uncaught.poll(5, TimeUnit.SECONDS);
    assertTrue(uncaughtError instanceof Error, "the Error still reaches the thread");

    var ran = new CountDownLatch(1);
    bounded.execute(ran::countDown);
    assertTrue(ran.await(5, TimeUnit.SECONDS), "the only slot is free again");
  }

  @Test
  void tasksWaitingBehindAnErrorStillRun() throws Exception {
    var bounded = new BoundedExecutor(pool, 1);
    var release = new CountDownLatch(1);
    bounded.execute(
        () -> {
          awaitQuietly(release);
          throw new Error("task failed badly");
        });
    var order = new LinkedBlockingQueue<Integer>();
    bounded.execute(() -> order.add(1));
    bounded.execute(() -> order.add(2));

    release.countDown();

    assertEquals(1, order.poll(5, TimeUnit.SECONDS));
    assertEquals(2, order.poll(5, TimeUnit.SECONDS));
    var again = new CountDownLatch(1);
    bounded.execute(again::countDown);
    assertTrue(again.await(5, TimeUnit.SECONDS), "and the slot is free afterwards");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
