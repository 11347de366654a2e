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
    heartbeat.pingsPerSecond = 1000;
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
  void pastThePingBudgetEachSocketIsPingedOncePerPeriodAndOnlyASilentOneIsDropped() {
    heartbeat.pingsPerSecond = 1; // 3 pings a beat: 10 sockets are pinged every 4 beats
    var peers = new ArrayList<FakePeer>();
    var tabs = new ArrayList<Connection>();
    for (int i = 0; i < 10; i++) {
      var peer = new FakePeer();
      peers.add(peer);
      tabs.add(tab(peer, NOW.plusSeconds(3600)));
    }
    var deadPeer = peers.get(9); // answers nothing
    int beats = 16;
    for (int beat = 1; beat <= beats; beat++) {
      nanos.addAndGet(BEAT.toNanos());
      heartbeat.beat(List.of(), List.copyOf(tabs), NOW, nanos.get());
      int pinged = 0;
      for (int i = 0; i < peers.size(); i++) {
        var peer = peers.get(i);
        int pingsBefore = peer.pings;
        peer.runTasks();
        if (peer.pings > pingsBefore && peer != deadPeer) {
          tabs.get(i).touch(); // its pong
        }
        pinged += peer.pings - pingsBefore;
      }
      assertTrue(pinged <= 3, "beat " + beat + " pinged " + pinged);
      boolean deadline = nanos.get() > BEAT.toNanos() * 4 * Heartbeat.MISSED_BEATS;
      assertEquals(deadline ? "1001 no heartbeat" : null, deadPeer.closedWith, "beat " + beat);
    }
    for (int i = 0; i < 9; i++) {
      assertNull(peers.get(i).closedWith, "socket " + i + " answers its pings");
      assertTrue(peers.get(i).pings >= beats / 4 - 1, "socket " + i + ": " + peers.get(i).pings);
    }
  }

  @Test
  void aSocketThatThrowsDoesNotStopTheBeatReapingAndPingingTheOthers() {
    var brokenPeer = new FakePeer();
    var broken = tab(brokenPeer, null); // no identity: its checks throw
    var silentPeer = new FakePeer();
    var silent = tab(silentPeer, NOW.plusSeconds(3600));
    var livePeer = new FakePeer();
    var live = tab(livePeer, NOW.plusSeconds(3600));

    nanos.set(BEAT.toNanos() * (Heartbeat.MISSED_BEATS - 1));
    live.touch(); // its last frame in: two seconds before the beat
    nanos.set(BEAT.toNanos() * Heartbeat.MISSED_BEATS + 1);
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
  void aSocketWhoseFramesLeftWithinHalfABeatIsNotPingedAnIdleOneIs() {
    var chattyPeer = new FakePeer();
    var chatty = tab(chattyPeer, NOW.plusSeconds(3600));
    var idlePeer = new FakePeer();
    var idle = tab(idlePeer, NOW.plusSeconds(3600));
    for (int beat = 1; beat <= 4; beat++) {
      nanos.addAndGet(BEAT.toNanos() - Duration.ofSeconds(1).toNanos());
      chatty.send(Json.createObjectBuilder().add("type", "room.message").build());
      chattyPeer.runTasks();
      chattyPeer.complete(null); // a second before the beat: it left
      nanos.addAndGet(Duration.ofSeconds(1).toNanos());
      heartbeat.beat(List.of(), List.of(chatty, idle), NOW, nanos.get());
      chattyPeer.runTasks();
      idlePeer.runTasks();
      idle.touch(); // its pong
    }
    assertEquals(0, chattyPeer.pings, "alive by its messages leaving");
    assertEquals(4, idlePeer.pings, "pinged at every beat, as before");
    assertNull(chattyPeer.closedWith);
    assertNull(idlePeer.closedWith);
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
