package dev.chorus.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.im.account.UserRef;
import jakarta.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HeartbeatTest {
  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  private static final Duration BEAT = Duration.ofSeconds(3);

  private final AtomicLong nanos = new AtomicLong(0);
  private final List<Connection> unregistered = new ArrayList<>();
  private final Heartbeat heartbeat = new Heartbeat();

  HeartbeatTest() {
    heartbeat.interval = BEAT;
    heartbeat.authTimeout = Duration.ofSeconds(5);
  }

  private Connection tab(FakePeer peer, Instant expiresAt) {
    var c =
        new Connection(
            peer,
            new OutboundQueue.Limits(10, 10_000, Duration.ofSeconds(10)),
            peer,
            nanos::get,
            unregistered::add);
    if (expiresAt != null) {
      c.authenticated(
          new Connection.Identity(new UserRef("id-" + peer.hashCode(), "u", "U"), "h", expiresAt));
    }
    return c;
  }

  @Test
  void aTabThatOnlyReceivesIsKeptWhileItsFramesLeaveAndClosedOnceTheyStop() {
    var peer = new FakePeer();
    var busy = tab(peer, NOW.plusSeconds(3600));
    var threeBeats = BEAT.toNanos() * Heartbeat.MISSED_BEATS;

    // A push every beat: the client sends nothing back, and a busy socket is never pinged.
    for (int beat = 1; beat <= 2 * Heartbeat.MISSED_BEATS; beat++) {
      nanos.addAndGet(BEAT.toNanos());
      busy.send(Json.createObjectBuilder().add("type", "presence").build());
      peer.runTasks();
      peer.complete(null); // it left: the peer's TCP took it
      busy.send(Json.createObjectBuilder().add("type", "presence").build());
      peer.runTasks(); // and the next is on its way at the beat
      heartbeat.beat(List.of(), List.of(busy), NOW, nanos.get());
      peer.runTasks();
      assertNull(peer.closedWith, "closed at beat " + beat);
    }
    assertEquals(0, peer.pings, "busy: not pinged");

    // Its frames stop leaving (the send is still in flight) and nothing comes from it: reaped.
    nanos.addAndGet(threeBeats + 1);
    heartbeat.beat(List.of(), List.of(busy), NOW, nanos.get());
    peer.runTasks();
    assertEquals("1001 no heartbeat", peer.closedWith);
  }

  @Test
  void aSocketThatThrowsDoesNotStopTheBeatReapingAndPingingTheOthers() {
    var brokenPeer = new FakePeer();
    var broken = tab(brokenPeer, null); // no identity: its checks throw
    var silentPeer = new FakePeer();
    var silent = tab(silentPeer, NOW.plusSeconds(3600));
    var livePeer = new FakePeer();
    var live = tab(livePeer, NOW.plusSeconds(3600));

    nanos.set(BEAT.toNanos() * Heartbeat.MISSED_BEATS + 1);
    live.touch();
    heartbeat.beat(List.of(), List.of(broken, silent, live), NOW, nanos.get());
    silentPeer.runTasks();
    livePeer.runTasks();

    assertEquals("1001 no heartbeat", silentPeer.closedWith);
    assertEquals(List.of(silent), unregistered, "reaped like any lost tab");
    assertEquals(1, livePeer.pings);
    assertNull(livePeer.closedWith);

    // And at the next beat too.
    nanos.addAndGet(BEAT.toNanos());
    heartbeat.beat(List.of(), List.of(broken, live), NOW, nanos.get());
    livePeer.runTasks();
    assertEquals(2, livePeer.pings);
  }

  @Test
  void anExpiredTokenClosesAnIdleSocketWithoutWaitingForItsNextFrame() {
    var peer = new FakePeer();
    var c = tab(peer, NOW);
    heartbeat.beat(List.of(), List.of(c), NOW, nanos.get());
    peer.runTasks();
    assertEquals("1008 session expired: log in again", peer.closedWith);
    assertEquals(List.of(c), unregistered);
  }

  @Test
  void aSocketThatNeverAuthenticatesIsClosedAfterTheAuthTimeout() {
    var peer = new FakePeer();
    var c = tab(peer, null);
    heartbeat.beat(List.of(c), List.of(), NOW, Duration.ofSeconds(5).toNanos());
    peer.runTasks();
    assertNull(peer.closedWith, "not before the timeout");
    heartbeat.beat(List.of(c), List.of(), NOW, Duration.ofSeconds(5).toNanos() + 1);
    peer.runTasks();
    assertTrue(peer.closedWith.startsWith("1008 no auth within 5 s"), peer.closedWith);
  }

  @Test
  void aSendStuckPastTheTimeoutClosesTheSocketAsTooSlow() {
    var peer = new FakePeer();
    var c = tab(peer, NOW.plusSeconds(3600));
    c.send(jakarta.json.Json.createObjectBuilder().add("type", "x").build());
    peer.runTasks(); // in flight, never completed
    nanos.addAndGet(Duration.ofSeconds(10).toNanos() + 1);
    c.touch();
    heartbeat.beat(List.of(), List.of(c), NOW, nanos.get());
    peer.runTasks();
    assertEquals("1013 too slow: send timed out", peer.closedWith);
    assertEquals(List.of(c), unregistered);
  }

  @Test
  void aFullQueueClosesTheSocketAsTooSlowWithoutBlockingTheSender() {
    var peer = new FakePeer();
    var c = tab(peer, NOW.plusSeconds(3600));
    for (int i = 0; i < 11; i++) {
      c.send(jakarta.json.Json.createObjectBuilder().add("type", "x").build());
    }
    assertNull(peer.closedWith, "the close runs on the pool, not on the sender's thread");
    assertTrue(unregistered.isEmpty());
    peer.runTasks();
    assertEquals("1013 too slow: outbound queue full", peer.closedWith);
    assertEquals(List.of(c), unregistered);
  }
}
