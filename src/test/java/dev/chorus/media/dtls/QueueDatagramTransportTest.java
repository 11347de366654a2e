package dev.chorus.media.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue-fed transport between the SFU's demultiplexer and BouncyCastle. */
class QueueDatagramTransportTest {

  ExecutorService executor;
  List<byte[]> sent;
  QueueDatagramTransport transport;

  @BeforeEach
  void setUp() {
    executor = Executors.newSingleThreadExecutor();
    sent = new ArrayList<>();
    transport =
        new QueueDatagramTransport(
            (b, off, len) -> sent.add(Arrays.copyOfRange(b, off, off + len)));
  }

  @AfterEach
  void tearDown() throws Exception {
    executor.shutdownNow();
    assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
  }

  @Test
  void classifiesDtlsByFirstByteAsRfc7983Says() {
    assertFalse(QueueDatagramTransport.isDtls(new byte[] {0}, 0, 1)); // STUN
    assertFalse(QueueDatagramTransport.isDtls(new byte[] {19}, 0, 1));
    assertTrue(QueueDatagramTransport.isDtls(new byte[] {20}, 0, 1));
    assertTrue(QueueDatagramTransport.isDtls(new byte[] {63}, 0, 1));
    assertFalse(QueueDatagramTransport.isDtls(new byte[] {64}, 0, 1)); // TURN channel
    assertFalse(QueueDatagramTransport.isDtls(new byte[] {(byte) 128}, 0, 1)); // RTP
    assertFalse(QueueDatagramTransport.isDtls(new byte[] {22}, 0, 0));
    assertFalse(QueueDatagramTransport.isDtls(new byte[] {22}, 1, 1));
  }

  @Test
  void deliversACopyOfEachOfferedDatagramInOrder() throws Exception {
    byte[] buf = {22, 1, 2, 3, 4};
    assertTrue(transport.offer(buf, 1, 3));
    assertTrue(transport.offer(buf, 0, 2));
    buf[1] = 99; // the demultiplexer reuses its buffer

    byte[] into = new byte[1500];
    assertEquals(3, transport.receive(into, 10, 1490, 100));
    assertArrayEquals(new byte[] {1, 2, 3}, Arrays.copyOfRange(into, 10, 13));
    assertEquals(2, transport.receive(into, 0, 1500, 100));
    assertArrayEquals(new byte[] {22, 1}, Arrays.copyOf(into, 2));
  }

  @Test
  void receiveTimesOutWithMinusOne() throws Exception {
    long start = System.nanoTime();

    assertEquals(-1, transport.receive(new byte[1500], 0, 1500, 150));
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(elapsedMillis >= 140 && elapsedMillis < 2_000, elapsedMillis + " ms");
  }

  @Test
  void afterStopWaitingAnEmptyQueueThrowsAtOnceWhateverTheWait() throws Exception {
    transport.stopWaiting();
    transport.offer(new byte[] {23, 5}, 0, 2);
    byte[] into = new byte[1500];

    long start = System.nanoTime();
    assertEquals(2, transport.receive(into, 0, 1500, 30_000));
    assertThrows(
        QueueDatagramTransport.NothingQueuedException.class,
        () -> transport.receive(into, 0, 1500, 30_000));
    assertThrows(
        QueueDatagramTransport.NothingQueuedException.class,
        () -> transport.receive(into, 0, 1500, 0)); // BouncyCastle's "forever"
    assertTrue((System.nanoTime() - start) / 1_000_000 < 1_000, "did not wait");

    transport.close();
    assertThrows(ClosedChannelException.class, () -> transport.receive(into, 0, 1500, 30_000));
  }

  @Test
  void dropsEmptyTooLongAndOverflowingDatagrams() throws Exception {
    var small = new QueueDatagramTransport((b, o, l) -> {}, 1200, 300, 2);

    assertFalse(small.offer(new byte[10], 0, 0));
    assertFalse(small.offer(new byte[301], 0, 301));
    assertTrue(small.offer(new byte[] {22}, 0, 1));
    assertTrue(small.offer(new byte[] {23}, 0, 1));
    assertFalse(small.offer(new byte[] {24}, 0, 1)); // queue full
    assertEquals(3, small.droppedDatagrams());
  }

  @Test
  void skipsADatagramLargerThanTheCallersBuffer() throws Exception {
    transport.offer(new byte[100], 0, 100);
    transport.offer(new byte[] {22, 7}, 0, 2);

    byte[] into = new byte[50];
    assertEquals(2, transport.receive(into, 0, 50, 100));
    assertEquals(7, into[1]);
    assertEquals(1, transport.droppedDatagrams());
  }

  @Test
  void closeWakesABlockedReceiveWhichThenFails() throws Exception {
    Future<Integer> receiving =
        executor.submit(() -> transport.receive(new byte[1500], 0, 1500, 30_000));
    Thread.sleep(100);
    long start = System.nanoTime();
    transport.close();

    var e = assertThrows(ExecutionException.class, () -> receiving.get(5, TimeUnit.SECONDS));
    assertInstanceOf(ClosedChannelException.class, e.getCause());
    assertTrue((System.nanoTime() - start) / 1_000_000 < 2_000);
    assertFalse(transport.offer(new byte[] {22}, 0, 1));
    assertThrows(ClosedChannelException.class, () -> transport.send(new byte[] {1}, 0, 1));
  }

  @Test
  void interruptTurnsIntoInterruptedIoException() throws Exception {
    Future<Integer> receiving =
        executor.submit(
            () -> {
              Thread.currentThread().interrupt();
              try {
                return transport.receive(new byte[1500], 0, 1500, 30_000);
              } finally {
                assertTrue(Thread.currentThread().isInterrupted(), "interrupt flag lost");
              }
            });

    var e = assertThrows(ExecutionException.class, () -> receiving.get(5, TimeUnit.SECONDS));
    assertInstanceOf(InterruptedIOException.class, e.getCause());
  }

  @Test
  void sendForwardsWithinTheLimitAndRefusesLarger() throws Exception {
    assertEquals(QueueDatagramTransport.DEFAULT_SEND_LIMIT, transport.getSendLimit());
    transport.send(new byte[] {9, 8, 7, 6}, 1, 2);

    assertEquals(1, sent.size());
    assertArrayEquals(new byte[] {8, 7}, sent.get(0));
    assertThrows(IOException.class, () -> transport.send(new byte[1201], 0, 1201));
    assertEquals(1, sent.size());
  }
}
