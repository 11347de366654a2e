package dev.chorus.signaling.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A room's caps on tabs sending and receiving, over a real engine: one more is refused with {@code
 * media_limit} and leaves no transport behind; a tab that already has its transport may renegotiate
 * or replace it at the cap; a repeated subscribe costs no transport.
 */
class RoomMediaLimitsTest {
  private RoomMediaFixture fixture;

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void aRoomRefusesOnePublisherTooMany() throws Exception {
    fixture = new RoomMediaFixture(new RoomMediaLimits(2, 200));
    var room = fixture.room;
    var a = new FakeTab("tab-a", "alice");
    var b = new FakeTab("tab-b", "bob");
    var c = new FakeTab("tab-c", "carol");
    room.publish(a, FakeTab.offer(SdpFixtures.AUDIO_VIDEO), Map.of());
    room.publish(b, FakeTab.offer(SdpFixtures.AUDIO_VIDEO), Map.of());
    int transports = fixture.engine.transports().size();

    var refused =
        assertThrows(
            MediaRefused.class,
            () -> room.publish(c, FakeTab.offer(SdpFixtures.AUDIO_VIDEO), Map.of()));
    assertEquals("media_limit", refused.code());
    assertEquals(transports, fixture.engine.transports().size(), "no transport left behind");

    // At the cap, a publisher renegotiates, or replaces its peer connection (another ufrag).
    room.publish(a, FakeTab.offer(SdpFixtures.AUDIO_VIDEO), Map.of());
    room.publish(a, FakeTab.offer(SdpFixtures.FIREFOX), Map.of());
    RoomMediaFixture.eventually(() -> fixture.engine.transports().size() == transports);

    room.closeTab(b.id());
    room.publish(c, FakeTab.offer(SdpFixtures.AUDIO_VIDEO), Map.of());
    assertEquals(4, room.router().producers().size(), "Alice and Carol publish two tracks each");
  }

  @Test
  void aRoomRefusesOneSubscriberTooManyAndARepeatCostsNoTransport() throws Exception {
    fixture = new RoomMediaFixture(new RoomMediaLimits(25, 2));
    var room = fixture.room;
    room.publish(new FakeTab("tab-p", "pat"), FakeTab.offer(SdpFixtures.AUDIO_VIDEO), Map.of());
    var x = new FakeTab("tab-x", "xena");
    var y = new FakeTab("tab-y", "yves");
    var z = new FakeTab("tab-z", "zoe");
    var first = room.subscribe(x);
    room.subscribe(y);
    room.sendOffers(x);
    room.sendOffers(y);
    int transports = fixture.engine.transports().size();
    assertEquals("media_limit", assertThrows(MediaRefused.class, () -> room.subscribe(z)).code());
    assertEquals(transports, fixture.engine.transports().size(), "no transport left behind");

    // Subscribing again before answering: the same transport, the offers start over.
    assertEquals(first, room.subscribe(x));
    room.sendOffers(y); // offers flushed for another reason: not x's, held until its reply
    assertEquals(1, x.ofType("room.media.offer").size());
    room.sendOffers(x);
    assertEquals(transports, fixture.engine.transports().size());
    var offers = x.ofType("room.media.offer");
    assertEquals(2, offers.size());
    assertEquals(2, offers.get(1).getInt("version"));
    var answer = FakeTab.answer(offers.get(1).getString("sdp"));
    assertEquals(
        "stale_answer", assertThrows(MediaRefused.class, () -> room.answer(x, answer, 1)).code());
    room.answer(x, answer, 2);

    // Once answered, subscribing again is a new peer connection: replaced, also at the cap.
    assertNotEquals(first, room.subscribe(x));
    RoomMediaFixture.eventually(() -> fixture.engine.transports().size() == transports);

    room.closeTab(y.id());
    room.subscribe(z);
  }
}
