package dev.chorus.signaling.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.sfu.transport.MediaEngine;
import dev.chorus.signaling.sdp.Direction;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A room's media over a real engine on 127.0.0.1, driven with browser SDP: publishing makes
 * producers, every other tab's receive transport is offered them one offer at a time, unshow and
 * leave take them out again (sections go inactive and are reused), and once everyone has left no
 * transport, router or ICE session remains.
 */
class RoomMediaTest {
  private RoomMediaFixture fixture;
  private MediaEngine engine;
  private RoomMedia room;
  private List<JsonObject> toRoom;
  private List<RoomMedia> emptied;

  @BeforeEach
  void start() throws Exception {
    fixture = new RoomMediaFixture(new RoomMediaLimits(25, 200));
    engine = fixture.engine;
    room = fixture.room;
    toRoom = fixture.toRoom;
    emptied = fixture.emptied;
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void publishersAreOfferedToEveryOtherTabAndTakenOutAgain() throws Exception {
    var alice = new FakeTab("tab-a", "alice");
    var bob = new FakeTab("tab-b", "bob");
    var carol = new FakeTab("tab-c", "carol");

    var answer =
        SdpFixtures.parseText(
            room.publish(alice, FakeTab.offer(SdpFixtures.AUDIO_VIDEO), Map.of("1", "camera")));
    assertEquals(List.of("0", "1"), answer.bundleMids());
    assertEquals(2, room.router().producers().size());

    // Bob subscribes: one offer with Alice's microphone and camera, paused until answered.
    room.subscribe(bob);
    room.sendOffers(alice); // offers flushed for another reason
    assertNull(bob.lastOffer(), "the reply with the transport id goes first");
    room.sendOffers(bob);
    var first = bob.lastOffer();
    assertEquals(1, first.getInt("version"));
    assertEquals(List.of("alice", "alice"), FakeTab.trackUsers(first));
    var firstSdp = SdpFixtures.parseText(first.getString("sdp"));
    assertTrue(
        firstSdp.media().stream()
            .allMatch(
                m -> firstSdp.direction(m) == Direction.SENDONLY && !m.mediaSsrcs().isEmpty()));
    assertTrue(room.router().consumers().stream().allMatch(c -> c.isPaused()));

    // Alice's own tracks are not offered back to her.
    room.subscribe(alice);
    room.sendOffers(alice);
    assertNull(alice.lastOffer());

    // Carol publishes before Bob answered: his next offer waits for that answer.
    room.publish(carol, FakeTab.offer(SdpFixtures.FIREFOX), Map.of());
    assertEquals(1, bob.ofType("room.media.offer").size());
    assertEquals(List.of("carol", "carol"), FakeTab.trackUsers(alice.lastOffer()));
    var stale =
        assertThrows(
            MediaRefused.class, () -> room.answer(bob, FakeTab.answer(first.getString("sdp")), 7));
    assertEquals("stale_answer", stale.code());
    room.answer(bob, FakeTab.answer(first.getString("sdp")), 1);
    var second = bob.lastOffer();
    assertEquals(2, second.getInt("version"));
    assertEquals(List.of("alice", "alice", "carol", "carol"), FakeTab.trackUsers(second));

    // Alice stops showing: her sections go inactive in Bob's next offer, once he answered v2.
    room.unpublishUser("account-alice");
    assertEquals(2, room.router().producers().size(), "only Carol's remain");
    assertEquals(2, bob.lastOffer().getInt("version"));
    room.answer(bob, FakeTab.answer(second.getString("sdp")), 2);
    var third = bob.lastOffer();
    assertEquals(List.of("carol", "carol"), FakeTab.trackUsers(third));
    var thirdSdp = SdpFixtures.parseText(third.getString("sdp"));
    assertEquals(4, thirdSdp.media().size());
    assertEquals(Direction.INACTIVE, thirdSdp.direction(thirdSdp.media().get(0)));
    assertEquals(Direction.INACTIVE, thirdSdp.direction(thirdSdp.media().get(1)));
    room.answer(bob, FakeTab.answer(third.getString("sdp")), 3);

    // Alice shows again: the inactive sections are reused, the offer does not grow.
    room.publish(alice, FakeTab.offer(SdpFixtures.AUDIO_VIDEO), Map.of());
    var fourth = bob.lastOffer();
    assertEquals(4, fourth.getInt("version"));
    var fourthSdp = SdpFixtures.parseText(fourth.getString("sdp"));
    assertEquals(4, fourthSdp.media().size());
    assertTrue(
        fourthSdp.media().stream().allMatch(m -> fourthSdp.direction(m) == Direction.SENDONLY));

    // A small tile asks for the low simulcast layer of one section's video.
    var videoMid =
        fourth.getJsonArray("tracks").stream()
            .map(t -> t.asJsonObject())
            .filter(t -> t.getString("kind").equals("video"))
            .findFirst()
            .orElseThrow()
            .getString("mid");
    room.preferLayer(bob, videoMid, 0);
    assertTrue(
        room.router().consumers().stream().anyMatch(c -> c.preferredLayer() == 0),
        "one consumer prefers layer 0");
    assertEquals(
        "not_in_session",
        assertThrows(MediaRefused.class, () -> room.preferLayer(bob, "99", 0)).code());

    // Mute state goes to the room and into later offers.
    room.mute(alice, true, false);
    var muted = toRoom.get(toRoom.size() - 1);
    assertEquals("room.media.muted", muted.getString("type"));
    assertTrue(muted.getBoolean("audio"));
    assertFalse(muted.getBoolean("video"));

    // Everyone leaves: the router closes and nothing of the room is left in the engine.
    for (var tab : List.of(alice, bob, carol)) {
      room.closeTab(tab.id());
    }
    assertFalse(emptied.isEmpty());
    assertTrue(room.isClosed());
    // Whoever saw the room empty first closes the router, outside the room's lock: the test
    // thread, or the events thread that heard a transport end.
    RoomMediaFixture.eventually(() -> room.router().isClosed());
    assertEquals(0, room.router().transports().size());
    assertEquals(0, room.router().consumers().size());
    RoomMediaFixture.eventually(
        () -> engine.transports().isEmpty() && engine.iceSessionCount() == 0);
    assertThrows(RoomMedia.Gone.class, () -> room.subscribe(bob));
  }

  @Test
  void onlyOffersThatSendArePublishedAndATabsSecondOfferRenegotiates() throws Exception {
    var alice = new FakeTab("tab-a", "alice");
    var refused =
        assertThrows(
            MediaRefused.class,
            () -> room.publish(alice, FakeTab.offer(SdpFixtures.RECVONLY), Map.of()));
    assertEquals("bad_sdp", refused.code());
    assertTrue(engine.transports().isEmpty(), "no transport is left behind");

    var offer = FakeTab.offer(SdpFixtures.AUDIO_VIDEO);
    room.publish(alice, offer, Map.of());
    var transports = engine.transports().size();
    var producers = room.router().producers();
    // The same peer connection offers again (same ufrag): same transport, same producers.
    room.publish(alice, offer, Map.of());
    assertEquals(transports, engine.transports().size());
    assertEquals(producers, room.router().producers());

    room.closeTab(alice.id());
    RoomMediaFixture.eventually(
        () -> engine.transports().isEmpty() && engine.iceSessionCount() == 0);
  }

  @Test
  void aTabPublishesAtMostFourTracks() {
    var text = SdpFixtures.text(SdpFixtures.AUDIO_VIDEO).replaceAll("a=candidate:[^\r\n]*\r\n", "");
    int audioStart = text.indexOf("m=audio");
    int audioEnd = text.indexOf("m=video");
    var head =
        text.substring(0, audioStart).replace("a=group:BUNDLE 0 1 2", "a=group:BUNDLE 0 1 2 3 4");
    var audio = text.substring(audioStart, audioEnd);
    var five = new StringBuilder(head);
    for (int i = 0; i < 5; i++) {
      five.append(
          audio.replace("a=mid:0", "a=mid:" + i).replace("3969108070", Integer.toString(1000 + i)));
    }
    var offer = SdpFixtures.parseText(five.toString());
    assertEquals(
        5,
        PublishAnswer.plan(offer).stream().filter(PublishAnswer.Publish.class::isInstance).count());
    var refused =
        assertThrows(
            MediaRefused.class, () -> room.publish(new FakeTab("t", "x"), offer, Map.of()));
    assertEquals("bad_sdp", refused.code());
    assertTrue(engine.transports().isEmpty());
  }
}
