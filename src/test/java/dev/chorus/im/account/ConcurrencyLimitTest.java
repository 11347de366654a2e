package dev.chorus.im.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.im.common.OverloadedException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrencyLimitTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() {
    release.countDown();
    pool.shutdownNow();
  }

  /** Occupies one permit until {@link #release}; returns once it holds it. */
  private CompletableFuture<String> hold(ConcurrencyLimit limit) throws InterruptedException {
    var holding = new CountDownLatch(1);
    var done =
        CompletableFuture.supplyAsync(
            () ->
                limit.call(
                    () -> {
                      holding.countDown();
                      await(release);
                      return "held";
                    }),
            pool);
    assertTrue(holding.await(10, TimeUnit.SECONDS));
    return done;
  }

  @Test
  void runsUpToThePermitsAtOnceAndRefusesTheNextWhenNobodyMayWait() throws Exception {
    var limit = new ConcurrencyLimit(2, 0, Duration.ofSeconds(5));
    var first = hold(limit);
    var second = hold(limit);
    assertEquals(0, limit.available());
    var refused = assertThrows(OverloadedException.class, () -> limit.call(() -> "third"));
    assertTrue(refused.retryAfter().toSeconds() >= 1, "tells when to come back");
    release.countDown();
    assertEquals("held", first.get(10, TimeUnit.SECONDS));
    assertEquals("held", second.get(10, TimeUnit.SECONDS));
    assertEquals(2, limit.available());
    assertEquals("after", limit.call(() -> "after"));
  }

  @Test
  void aWaiterGetsThePermitWhenItIsReturned() throws Exception {
    var limit = new ConcurrencyLimit(1, 1, Duration.ofMinutes(1));
    var first = hold(limit);
    var waiter = CompletableFuture.supplyAsync(() -> limit.call(() -> "waited"), pool);
    release.countDown();
    assertEquals("held", first.get(10, TimeUnit.SECONDS));
    assertEquals("waited", waiter.get(10, TimeUnit.SECONDS));
    assertEquals(1, limit.available());
  }

  @Test
  void aFullQueueAndAnExpiredWaitAreRefused() throws Exception {
    var limit = new ConcurrencyLimit(1, 0, Duration.ofMinutes(1));
    hold(limit);
    assertThrows(OverloadedException.class, () -> limit.call(() -> "no room to wait"));
    var impatient = new ConcurrencyLimit(1, 5, Duration.ZERO);
    hold(impatient);
    assertThrows(OverloadedException.class, () -> impatient.call(() -> "no time to wait"));
  }

  @Test
  void thePermitComesBackWhenTheWorkThrows() {
    var limit = new ConcurrencyLimit(1, 0, Duration.ZERO);
    assertThrows(
        IllegalStateException.class,
        () ->
            limit.call(
                () -> {
                  throw new IllegalStateException("boom");
                }));
    assertEquals(1, limit.available());
    assertEquals("fine", limit.call(() -> "fine"));
  }

  @Test
  void settingsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> new ConcurrencyLimit(0, 0, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new ConcurrencyLimit(1, -1, Duration.ZERO));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
