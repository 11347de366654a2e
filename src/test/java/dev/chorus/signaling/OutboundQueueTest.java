package dev.chorus.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {
  private final FakePeer peer = new FakePeer();
  private final AtomicLong now = new AtomicLong(1_000);
  private final List<OutboundQueue.End> ends = new ArrayList<>();

  private OutboundQueue queue(int maxMessages, long maxBytes) {
    return new OutboundQueue(
        new OutboundQueue.Limits(maxMessages, maxBytes, Duration.ofSeconds(10)),
        peer,
        peer,
        now::get,
        ends::add);
  }

  @Test
  void offerNeverSendsOnTheCallersThreadAndFramesLeaveInOrderOneAtATime() {
    var q = queue(10, 1000);
    assertTrue(q.offer("a"));
    assertEquals(List.of(), peer.started, "nothing sent by offer itself");

    peer.runTasks();
    assertEquals(List.of("a"), peer.started, "alone in the queue: sent as it is");
    assertTrue(q.offer("b"));
    peer.runTasks();
    assertEquals(List.of("a"), peer.started, "the next waits for the first to complete");

    peer.complete(null);
    peer.runTasks();
    assertEquals(List.of("a", "b"), peer.started);
    peer.complete(null);
    assertTrue(q.offer("c"));
    peer.runTasks();
    peer.complete(null);
    peer.runTasks();
    assertEquals(List.of("a", "b", "c"), peer.started);
    assertEquals(0, q.messages());
    assertEquals(0, q.bytes());
    assertEquals(List.of(), ends);
  }

  @Test
  void framesThatWaitTogetherLeaveAsOneBatchInTheirOrder() {
    var q = queue(10, 1000);
    q.offer("{\"n\":1}");
    q.offer("{\"n\":2}");
    q.offer("{\"n\":3}");
    peer.runTasks();
    assertEquals(
        List.of("{\"type\":\"batch\",\"messages\":[{\"n\":1},{\"n\":2},{\"n\":3}]}"), peer.started);
    assertEquals(1, q.messages(), "in flight: one batch");
    assertEquals(21, q.bytes(), "the batch still holds its frames' bytes");
    peer.complete(null);
    assertEquals(0, q.bytes());
  }

  @Test
  void aBatchStopsAtItsFrameAndByteLimits() {
    int max = Lanes.MAX_BATCH_FRAMES;
    var q = queue(1000, 1 << 20);
    for (int i = 0; i < max + 1; i++) {
      q.offer("m" + i);
    }
    var big = "x".repeat((int) Lanes.MAX_BATCH_BYTES);
    q.offer(big);
    q.offer("after");
    var sent = drainAll();
    assertEquals(4, sent.size(), "a full batch, the one frame left over, the big one, the last");
    assertEquals(max, parts(sent.get(0)).size());
    assertEquals(List.of("m" + max), parts(sent.get(1)));
    assertEquals(big, sent.get(2), "bigger than a batch: alone");
    assertEquals("after", sent.get(3));
  }

  @Test
  void aCompletionReportedInsideTheSendDoesNotRecurseIntoTheTransport() {
    var q = queue(10, 1000);
    q.offer("a");
    peer.runTasks(); // a starts
    q.offer("b");
    peer.complete(null); // b is only scheduled, not sent from inside the callback
    assertEquals(List.of("a"), peer.started);
    assertEquals(1, peer.tasks.size());
  }

  @Test
  void overflowByCountEndsTheQueueOnceAndDropsWhatItHeld() {
    var q = queue(3, 1_000_000);
    assertTrue(q.offer("1"));
    peer.runTasks(); // "1" in flight, counts against the cap
    assertTrue(q.offer("2"));
    assertTrue(q.offer("3"));
    assertFalse(q.offer("4"));
    assertEquals(List.of(OutboundQueue.End.OVERFLOW), ends);
    assertFalse(q.offer("5"), "an ended queue takes nothing");
    assertEquals(List.of(OutboundQueue.End.OVERFLOW), ends, "reported once");
    peer.complete(null);
    peer.runTasks();
    assertEquals(List.of("1"), peer.started, "nothing more leaves after the end");
    assertEquals(0, q.messages());
  }

  @Test
  void overflowByBytesCountsUtf8Bytes() {
    var q = queue(100, 10);
    assertTrue(q.offer("12345"));
    assertTrue(q.offer("€")); // 3 bytes in UTF-8
    assertEquals(8, q.bytes());
    assertTrue(q.offer("12"));
    assertEquals(10, q.bytes());
    assertFalse(q.offer("x"));
    assertEquals(List.of(OutboundQueue.End.OVERFLOW), ends);
  }

  @Test
  void bytesInFlightStillCountUntilTheSendCompletes() {
    var q = queue(100, 10);
    q.offer("1234567890");
    peer.runTasks();
    assertFalse(q.offer("x"), "the frame in flight still holds its bytes");
  }

  @Test
  void aSendInFlightPastTheTimeoutIsDetected() {
    var q = queue(10, 1000);
    q.offer("a");
    peer.runTasks();
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    assertFalse(q.stalledAt(now.get()), "exactly the timeout is not yet too late");
    now.addAndGet(1);
    assertTrue(q.stalledAt(now.get()));
    assertEquals(List.of(OutboundQueue.End.SEND_TIMEOUT), ends);
    assertFalse(q.stalledAt(now.get()), "reported once");
  }

  @Test
  void anIdleOrSlowlyDrainedButMovingQueueIsNotStalled() {
    var q = queue(10, 1000);
    assertFalse(q.stalledAt(now.get() + Duration.ofHours(1).toNanos()), "idle");
    q.offer("a");
    q.offer("b");
    peer.runTasks();
    now.addAndGet(Duration.ofSeconds(9).toNanos());
    peer.complete(null);
    peer.runTasks(); // b starts now: its own clock
    now.addAndGet(Duration.ofSeconds(9).toNanos());
    assertFalse(q.stalledAt(now.get()));
  }

  @Test
  void aFailedOrThrowingSendEndsTheQueue() {
    var q = queue(10, 1000);
    q.offer("a");
    peer.runTasks();
    var brokenPipe = new IOException("broken pipe");
    peer.complete(brokenPipe);
    assertEquals(List.of(OutboundQueue.End.SEND_FAILED), ends);
    assertEquals(brokenPipe, q.failure(), "kept for the log line");

    var throwingPeer = new FakePeer();
    throwingPeer.sendFailure = new IllegalStateException("session closed");
    var throwing =
        new OutboundQueue(
            new OutboundQueue.Limits(10, 1000, Duration.ofSeconds(1)),
            throwingPeer,
            Runnable::run,
            now::get,
            ends::add);
    throwing.offer("x");
    assertEquals(List.of(OutboundQueue.End.SEND_FAILED, OutboundQueue.End.SEND_FAILED), ends);
  }

  @Test
  void pingsOnlyAnIdleQueueAndOnTheDrainer() {
    var q = queue(10, 1000);
    assertTrue(q.pingIfIdle());
    assertEquals(0, peer.pings, "not on the caller's thread");
    peer.runTasks();
    assertEquals(1, peer.pings);
    q.offer("a");
    assertFalse(q.pingIfIdle(), "something is queued");
    peer.runTasks();
    assertFalse(q.pingIfIdle(), "something is in flight");
  }

  @Test
  void closeDropsEverythingAndReportsClosed() {
    var q = queue(10, 1000);
    q.offer("a");
    q.close();
    peer.runTasks();
    assertEquals(List.of(), peer.started);
    assertEquals(List.of(OutboundQueue.End.CLOSED), ends);
    assertTrue(q.hasEnded());
  }

  /** Sends whatever is queued, completing each frame, and returns the frames that left. */
  private List<String> drainAll() {
    peer.runTasks();
    while (!peer.pending.isEmpty()) {
      peer.complete(null);
      peer.runTasks();
    }
    return peer.started;
  }

  /** The frames a batch holds (the tests' frames hold no commas), or the frame itself. */
  private static List<String> parts(String frame) {
    if (!frame.startsWith(Lanes.BATCH_OPEN)) {
      return List.of(frame);
    }
    var inner = frame.substring(Lanes.BATCH_OPEN.length(), frame.length() - 2);
    return List.of(inner.split(","));
  }

  /** What left, batches opened: the messages in the order the tab reads them. */
  private List<String> receivedAll() {
    return drainAll().stream().flatMap(f -> parts(f).stream()).toList();
  }

  @Test
  void aNewerStateReplacesAQueuedOneForTheSameKeyInItsPlace() {
    var q = queue(10, 1000);
    q.offerLatest("bob", "bob away");
    q.offerLatest("carol", "carol online");
    q.offerLatest("bob", "bob online");
    assertEquals(2, q.messages());
    assertEquals("bob online".length() + "carol online".length(), q.bytes());
    assertEquals(List.of("bob online", "carol online"), receivedAll());
  }

  @Test
  void aStateInFlightIsNotReplacedSoTheNewerOneFollowsIt() {
    var q = queue(10, 1000);
    q.offerLatest("bob", "bob away");
    peer.runTasks(); // "bob away" is on its way
    q.offerLatest("bob", "bob online");
    assertEquals(List.of("bob away", "bob online"), receivedAll(), "the newest is sent last");
  }

  @Test
  void messagesGoAheadOfWaitingStates() {
    var q = queue(10, 1000);
    q.offerLatest("bob", "bob away");
    q.offer("chat 1");
    q.offer("chat 2");
    peer.runTasks(); // the first drain chooses: a message
    assertEquals(List.of("chat 1", "chat 2", "bob away"), receivedAll());
  }

  @Test
  void aSteadyStreamOfMessagesDoesNotStarveStates() {
    int n = Lanes.MESSAGES_BEFORE_A_STATE;
    var q = queue(100, 10_000);
    q.offerLatest("bob", "state");
    var expected = new ArrayList<String>();
    for (int i = 0; i < n + 3; i++) {
      q.offer("m" + i);
      expected.add("m" + i);
    }
    expected.add(n, "state");
    assertEquals(expected, receivedAll());
  }

  @Test
  void statesCountAgainstTheByteCapAndAnEndedQueueDropsThem() {
    var q = queue(100, 10);
    assertTrue(q.offerLatest("a", "12345"));
    assertTrue(q.offerLatest("a", "1234567890"), "a replacement only costs the difference");
    assertFalse(q.offerLatest("b", "x"));
    assertEquals(List.of(OutboundQueue.End.OVERFLOW), ends);
    assertFalse(q.offerLatest("a", "1"), "an ended queue takes nothing");
    assertEquals(List.of(), drainAll());
  }

  @Test
  void aQueueHoldingOnlyStatesIsNotIdle() {
    var q = queue(10, 1000);
    q.offerLatest("bob", "bob away");
    assertFalse(q.pingIfIdle());
  }

  @Test
  void utf8LengthMatchesTheEncoder() {
    for (var s : List.of("", "abc", "é", "€uro", "😀", "a😀b€")) {
      assertEquals(
          s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
          OutboundQueue.utf8Length(s),
          s);
    }
  }
}
