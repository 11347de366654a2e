package dev.chorus.signaling.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.chorus.media.sfu.transport.WebRtcTransport;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bulk tab death that once wedged a room for good: twenty receive-only tabs of one room end
 * their transports (as when their pages close their peer connections) and close their sockets at
 * the same moment, round after round, over a real engine on 127.0.0.1. Each tab's socket behaves as
 * the container's does: a send holds the socket's monitor ({@link FakeTab#send} is synchronized)
 * and the close handler runs while holding it. A room that sends while holding its own lock waits
 * for such a socket while that socket's closing thread waits for the room: the futures below never
 * complete and the test fails with the deadlocked threads. Afterwards every tab has heard that its
 * transport closed, no thread is deadlocked, the stats answer and the room still works.
 */
class RoomMediaTabStormTest {
  private static final int TABS = 20;
  private static final int ROUNDS = 5;

  /** Far longer than any close takes: only a wedged room does not finish in it. */
  private static final Duration WEDGED = Duration.ofSeconds(30);

  private RoomMediaFixture fixture;
  private ExecutorService pages;

  @BeforeEach
  void start() throws Exception {
    fixture = new RoomMediaFixture(new RoomMediaLimits(25, 200));
    pages = Executors.newFixedThreadPool(2 * TABS + 1);
  }

  @AfterEach
  void stop() {
    pages.shutdownNow();
    if (deadlocked() == null) {
      fixture.close(); // a wedged room cannot be closed: its lock is held for good
    }
  }

  @Test
  void tabsThatCloseAllAtOnceLeaveTheRoomWorking() throws Exception {
    var room = fixture.room;
    var alice = new FakeTab("tab-alice", "alice");
    room.publish(alice, FakeTab.offer(SdpFixtures.AUDIO_VIDEO), Map.of("1", "camera"));

    for (int round = 0; round < ROUNDS; round++) {
      var tabs = new ArrayList<FakeTab>();
      var transports = new ArrayList<WebRtcTransport>();
      for (int i = 0; i < TABS; i++) {
        var tab = new FakeTab("tab-" + round + "-" + i, "user" + i);
        transports.add(subscribeAndAnswer(tab));
        tabs.add(tab);
      }
      assertEquals(TABS, room.stats().participants().size() - 1, "all tabs receive, Alice sends");

      var go = new CountDownLatch(1);
      var closing = new ArrayList<Future<?>>();
      for (int i = 0; i < TABS; i++) {
        var tab = tabs.get(i);
        var transport = transports.get(i);
        closing.add(
            pages.submit(
                () -> {
                  go.await();
                  transport.close(); // the peer connection is gone
                  return null;
                }));
        closing.add(
            pages.submit(
                () -> {
                  go.await();
                  synchronized (tab) { // the socket closes, its close handler holding it
                    room.closeTab(tab.id());
                  }
                  return null;
                }));
      }
      closing.add(
          pages.submit(
              () -> {
                go.await();
                return room.stats();
              }));
      go.countDown();
      for (var f : closing) {
        await(f);
      }

      for (var tab : tabs) {
        RoomMediaFixture.eventually(() -> !tab.ofType("room.media.state").isEmpty());
        var state = tab.ofType("room.media.state").get(0);
        assertEquals("closed", state.getString("state"), state.toString());
      }
      var ids = transports.stream().map(WebRtcTransport::id).collect(Collectors.toSet());
      RoomMediaFixture.eventually(
          () -> fixture.engine.transports().stream().noneMatch(t -> ids.contains(t.id())));
      assertNull(deadlocked(), "no thread is deadlocked after round " + round);
      assertEquals(1, room.stats().participants().size(), "only Alice is left");
    }

    // The room still works: a new tab is offered Alice's tracks, and Bob can publish to it.
    var late = new FakeTab("tab-late", "late");
    subscribeAndAnswer(late);
    assertEquals(
        List.of("alice", "alice"), FakeTab.trackUsers(late.ofType("room.media.offer").get(0)));
    var bob = new FakeTab("tab-bob", "bob");
    room.publish(bob, FakeTab.offer(SdpFixtures.FIREFOX), Map.of());
    assertEquals(List.of("alice", "alice", "bob", "bob"), FakeTab.trackUsers(late.lastOffer()));
    assertEquals(3, room.stats().participants().size());
    assertTrue(fixture.emptied.isEmpty(), "the room never emptied: Alice stayed");
    assertNull(deadlocked());
  }

  /** Subscribes the tab and answers its first offer; returns its receive transport. */
  private WebRtcTransport subscribeAndAnswer(FakeTab tab) throws MediaRefused {
    var room = fixture.room;
    var id = room.subscribe(tab);
    room.sendOffers(tab);
    var offer = tab.lastOffer();
    room.answer(tab, FakeTab.answer(offer.getString("sdp")), offer.getInt("version"));
    return fixture.engine.transports().stream()
        .filter(t -> t.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private static void await(Future<?> f) throws Exception {
    try {
      f.get(WEDGED.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      fail("the room is wedged; deadlocked threads:\n" + deadlocked());
    }
  }

  /** The deadlocked threads with their stacks and held monitors, or null if none. */
  private static String deadlocked() {
    var threads = ManagementFactory.getThreadMXBean();
    var ids = threads.findDeadlockedThreads();
    if (ids == null) {
      return null;
    }
    return Arrays.stream(threads.getThreadInfo(ids, true, true))
        .map(ThreadInfo::toString)
        .collect(Collectors.joining("\n"));
  }
}
