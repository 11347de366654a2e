package dev.chorus.media.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * What the health checks read: every reader task runs and every port is bound while the endpoint is
 * open, also after a reader was restarted; nothing runs or is bound after close.
 */
class ReaderHealthTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void readersRunAndPortsAreBoundUntilClose() throws Exception {
    var loopback = LoopbackEndpoint.open(Duration.ofSeconds(30));
    var endpoint = loopback.endpoint();
    try {
      assertEquals(2, endpoint.readerTaskCount(), "one UDP reader, one ICE-TCP loop");
      eventually(() -> endpoint.readersRunning() == endpoint.readerTaskCount());
      assertTrue(endpoint.portsBound());

      endpoint.udpSockets().get(0).closeChannelForTest();
      eventually(() -> endpoint.readerRestarts() == 1 && endpoint.portsBound());
      assertEquals(endpoint.readerTaskCount(), endpoint.readersRunning());

      endpoint.tcpListener().closeServersForTest();
      eventually(() -> endpoint.readerRestarts() == 2 && endpoint.portsBound());
      assertEquals(endpoint.readerTaskCount(), endpoint.readersRunning());
    } finally {
      loopback.close();
    }
    assertFalse(endpoint.portsBound());
    eventually(() -> endpoint.readersRunning() == 0);
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT);
      }
      Thread.sleep(20);
    }
  }
}
