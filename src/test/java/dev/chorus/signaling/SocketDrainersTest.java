package dev.chorus.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The drain pool: named threads, a bounded backlog, nothing taken after close. */
class SocketDrainersTest {
  @Test
  void tasksRunOnThreadsNamedForTheirJob() throws Exception {
    try (var drainers = new SocketDrainers(Executors.defaultThreadFactory(), 2, 10)) {
      var name = new AtomicReference<String>();
      var ran = new CountDownLatch(1);
      drainers.execute(
          () -> {
            name.set(Thread.currentThread().getName());
            ran.countDown();
          });
      assertTrue(ran.await(5, TimeUnit.SECONDS));
      assertTrue(name.get().startsWith("socket-drain-"), name.get());
    }
  }

  @Test
  void aFullBacklogIsRefusedNotGrown() throws Exception {
    var release = new CountDownLatch(1);
    try (var drainers = new SocketDrainers(Executors.defaultThreadFactory(), 1, 2)) {
      var started = new CountDownLatch(1);
      drainers.execute(
          () -> {
            started.countDown();
            await(release);
          });
      assertTrue(started.await(5, TimeUnit.SECONDS));
      drainers.execute(() -> {});
      drainers.execute(() -> {});
      // The one thread is busy and the backlog holds 2: OutboundQueue ends its socket on this.
      assertThrows(RejectedExecutionException.class, () -> drainers.execute(() -> {}));
    } finally {
      release.countDown();
    }
  }

  @Test
  void nothingIsTakenAfterClose() {
    var drainers = new SocketDrainers(Executors.defaultThreadFactory(), 1, 10);
    drainers.close();
    assertThrows(RejectedExecutionException.class, () -> drainers.execute(() -> {}));
  }

  @Test
  void aDrainQueueEndsItsSocketWhenThePoolIsGone() {
    var peer = new FakePeer();
    var drainers = new SocketDrainers(Executors.defaultThreadFactory(), 1, 10);
    drainers.close();
    var ended = new AtomicReference<OutboundQueue.End>();
    var queue =
        new OutboundQueue(
            new OutboundQueue.Limits(10, 1 << 20, java.time.Duration.ofSeconds(5)),
            peer,
            drainers,
            System::nanoTime,
            ended::set);
    queue.offer("{\"type\":\"x\"}");
    assertEquals(OutboundQueue.End.SEND_FAILED, ended.get());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
