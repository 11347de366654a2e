package dev.chorus.signaling.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.im.account.UserRef;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WHIP and WHEP parties in a room's media over a real engine: a WHIP party (OBS's offer) publishes
 * under its stream prefix and is listed as a WHIP stream; a WHEP viewer of it gets consumers in its
 * own payload types; socket tabs see it as any publisher; {@code keepOnly} (room events) leaves
 * HTTP parties alone; and when the publisher goes, the viewer's transport ends and its party hears
 * of it.
 */
class RoomMediaHttpPartyTest {
  private RoomMediaFixture fixture;
  private RoomMedia room;
  private final List<String> ended = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    fixture = new RoomMediaFixture(new RoomMediaLimits(25, 200));
    room = fixture.room;
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private HttpParty party(Tab.Kind kind, String sid, String prefix) {
    var user = new UserRef("stream:" + sid, "~" + sid, "Stream " + sid);
    return new HttpParty(kind, sid, user, prefix, (s, reason) -> ended.add(s + " " + reason));
  }

  @Test
  void aWhipStreamIsPlayedByWhepAndItsViewerEndsWithIt() throws Exception {
    var whip = party(Tab.Kind.WHIP, "s1", "key-abcdef12");
    var answer =
        room.publish(whip, FakeTab.offer("libdatachannel-0.24.5-h264-offer.sdp"), Map.of());
    assertTrue(answer.contains("H264/90000"), answer);

    var streams = room.streams();
    assertEquals(1, streams.size());
    var stream = streams.get(0);
    assertEquals("key-abcdef12-camera", stream.id());
    assertTrue(stream.whip());
    assertTrue(stream.audio());
    assertEquals("video/H264", stream.videoCodec());
    assertEquals(whip.id(), stream.partyId());

    var viewer = party(Tab.Kind.WHEP, "v1", null);
    var offer = PlayOffer.of(SdpFixtures.parseText(PlayAnswerTest.oneVideo()));
    var played = SdpFixtures.parseText(room.play(viewer, offer, stream.id()));
    var video = played.media("1").orElseThrow();
    assertEquals("sendonly", video.direction().orElseThrow().token());
    assertTrue(
        dev.chorus.media.codec.H264Format.isForwardable(video.codecs().get(0).parameters()),
        video.codecs().toString());
    assertEquals(1, video.mediaSsrcs().size());
    assertEquals(1, room.streams().get(0).players());
    assertEquals(4, room.router().consumers().size() + room.router().producers().size());

    // A room event that keeps only the socket tabs in the room leaves both parties alone.
    room.keepOnly(tab -> false);
    assertEquals(1, room.streams().get(0).players());

    // No such stream: refused before any transport.
    var other = party(Tab.Kind.WHEP, "v2", null);
    var refused = assertThrows(MediaRefused.class, () -> room.play(other, offer, "nope-camera"));
    assertEquals("no_such_stream", refused.code());

    // The publisher goes: its viewer's transport closes, and the viewer's party hears of it.
    room.closeTab(whip.id());
    RoomMediaFixture.eventually(() -> ended.contains("v1 transport_closed"));
    RoomMediaFixture.eventually(() -> ended.contains("s1 transport_closed"));
    assertTrue(room.streams().isEmpty());
    RoomMediaFixture.eventually(() -> room.isClosed() || room.isEmpty());
  }

  @Test
  void aBrowserCameraIsPlayedInThePlayersVp8AndSocketTabsStillGetWhipStreams() throws Exception {
    var alice = new FakeTab("tab-a", "alice");
    room.publish(alice, FakeTab.offer(SdpFixtures.AUDIO_VIDEO), Map.of("1", "camera"));
    var camera = room.streams().get(0);
    assertFalse(camera.whip());
    assertTrue(camera.id().startsWith("chorus-") && camera.id().endsWith("-camera"), camera.id());

    var viewer = party(Tab.Kind.WHEP, "v3", null);
    var played =
        SdpFixtures.parseText(
            room.play(
                viewer,
                PlayOffer.of(SdpFixtures.parseText(PlayAnswerTest.oneVideo())),
                camera.id()));
    assertEquals(List.of("96", "97"), played.media("1").orElseThrow().formats());
    assertEquals("111", played.media("0").orElseThrow().formats().get(0));

    // Bob's tab subscribes and is offered Alice's camera and a WHIP stream alike.
    var bob = new FakeTab("tab-b", "bob");
    room.publish(
        party(Tab.Kind.WHIP, "s2", "whip-s2"),
        FakeTab.offer("libdatachannel-0.24.5-h264-offer.sdp"),
        Map.of());
    room.subscribe(bob);
    room.sendOffers(bob);
    var offer = bob.lastOffer();
    assertEquals(4, FakeTab.trackUsers(offer).size(), offer.toString());
    assertTrue(FakeTab.trackUsers(offer).contains("~s2"), offer.toString());
    assertEquals(2, room.streams().size());
  }
}
