package dev.chorus.signaling.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.sfu.MediaKind;
import dev.chorus.media.sfu.stream.RtpCodec;
import dev.chorus.signaling.sdp.Direction;
import dev.chorus.signaling.sdp.MediaDescription;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * H.264 through a room (RFC 6184 packetization mode 1, Constrained Baseline): Chromium told to
 * prefer it publishes in H.264, every subscriber is offered H.264, Chromium's real answer keeps it
 * and Firefox ESR's real answer (it has no H.264 decoder without the OpenH264 plugin) rejects it,
 * which the subscriber is told about.
 */
class RoomMediaH264Test {
  private static final String PREFERRED = "chromium-156-h264-preferred-offer.sdp";

  private RoomMediaFixture fixture;
  private RoomMedia room;
  private final FakeTab alice = new FakeTab("tab-a", "alice");
  private final FakeTab bob = new FakeTab("tab-b", "bob");

  @BeforeEach
  void start() throws Exception {
    fixture = new RoomMediaFixture(new RoomMediaLimits(25, 200));
    room = fixture.room;
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private MediaDescription videoOf(String sdp) {
    return SdpFixtures.parseText(sdp).media().stream()
        .filter(m -> m.media().equals(MediaDescription.VIDEO))
        .findFirst()
        .orElseThrow();
  }

  /** Alice publishes in H.264, Bob subscribes and gets offer version 1. */
  private String publishAndSubscribe() throws MediaRefused {
    room.publish(alice, FakeTab.offer(PREFERRED), Map.of("1", "camera"));
    room.subscribe(bob);
    room.sendOffers(bob);
    var offer = bob.lastOffer();
    assertEquals(1, offer.getInt("version"));
    return offer.getString("sdp");
  }

  @Test
  void theProducerKeepsItsCodecAndSubscribersAreOfferedIt() throws Exception {
    var sdp = publishAndSubscribe();
    var video =
        room.router().producers().stream()
            .filter(p -> p.kind() == MediaKind.VIDEO)
            .findFirst()
            .orElseThrow();
    assertEquals(List.of(new RtpCodec(108, "video/H264", 90000, 109)), video.options().codecs());

    var section = videoOf(sdp);
    assertEquals(List.of("102", "103"), section.formats());
    var h264 = section.codecs().get(0);
    assertEquals("H264", h264.name());
    assertEquals("1", h264.parameters().get("packetization-mode"));
    assertEquals("42e01f", h264.parameters().get("profile-level-id"));
    assertEquals(103, section.rtxPayloadType(102).orElseThrow());
    assertTrue(h264.hasFeedback("nack", "pli"));

    // Chromium decodes H.264: its answer keeps the section, nothing to tell.
    room.answer(bob, SdpFixtures.parse("chromium-156-h264-answer.sdp"), 1);
    assertTrue(bob.ofType("room.media.unplayable").isEmpty());
    assertEquals(2, room.router().consumers().size());
  }

  @Test
  void aSubscriberWhoseAnswerRejectsH264IsToldAndTheSectionStaysRejected() throws Exception {
    publishAndSubscribe();
    room.answer(bob, SdpFixtures.parse("firefox-153-h264-rejected-answer.sdp"), 1);

    var told = bob.ofType("room.media.unplayable");
    assertEquals(1, told.size());
    var message = told.get(0);
    assertEquals("video", message.getString("kind"));
    assertEquals("camera", message.getString("source"));
    assertEquals("H264", message.getString("codec"));
    assertEquals("alice", message.getJsonObject("user").getString("username"));
    assertTrue(message.getString("message").contains("H.264"), message.toString());
    RoomMediaFixture.eventually(() -> room.router().consumers().size() == 1);

    // The next offer keeps the refused section rejected (port 0, outside the BUNDLE group).
    var second = bob.lastOffer();
    assertEquals(2, second.getInt("version"));
    assertEquals(List.of("alice"), FakeTab.trackUsers(second));
    var sdp = SdpFixtures.parseText(second.getString("sdp"));
    assertEquals(List.of("0"), sdp.bundleMids());
    var refused = sdp.media().get(1);
    assertTrue(refused.isRejected());
    assertEquals("1", refused.mid().orElseThrow());
    assertTrue(refused.connection().isPresent(), "a rejected section is still complete");
    assertEquals(Direction.INACTIVE, sdp.direction(refused));

    // Carol publishes VP8: Bob gets her in new sections, the refused one is not reused.
    room.answer(bob, SdpFixtures.parse("firefox-153-h264-rejected-answer-2.sdp"), 2);
    var carol = new FakeTab("tab-c", "carol");
    room.publish(carol, FakeTab.offer(SdpFixtures.AUDIO_VIDEO), Map.of());
    var third = SdpFixtures.parseText(bob.lastOffer().getString("sdp"));
    assertEquals(4, third.media().size());
    assertTrue(third.media().get(1).isRejected());
    assertEquals(List.of("0", "2", "3"), third.bundleMids());
    assertEquals("VP8", third.media().get(3).codecs().get(0).name());
    assertEquals(1, bob.ofType("room.media.unplayable").size());
  }

  @Test
  void aCodecRefusedOnceIsNotOfferedAgainTheSubscriberIsToldAtOnce() throws Exception {
    publishAndSubscribe();
    room.answer(bob, SdpFixtures.parse("firefox-153-h264-rejected-answer.sdp"), 1);
    room.answer(bob, SdpFixtures.parse("firefox-153-h264-rejected-answer-2.sdp"), 2);
    var sectionsBefore = SdpFixtures.parseText(bob.lastOffer().getString("sdp")).media().size();

    // Dave publishes in H.264 too: no section Bob's browser would reject again, he is told.
    var dave = new FakeTab("tab-d", "dave");
    room.publish(dave, FakeTab.offer(PREFERRED), Map.of("1", "camera"));

    var told = bob.ofType("room.media.unplayable");
    assertEquals(2, told.size());
    assertEquals("dave", told.get(1).getJsonObject("user").getString("username"));
    assertEquals("H264", told.get(1).getString("codec"));
    var latest = SdpFixtures.parseText(bob.lastOffer().getString("sdp"));
    assertEquals(sectionsBefore + 1, latest.media().size(), "only Dave's audio is added");
    assertEquals(
        1,
        latest.media().stream().filter(m -> m.media().equals(MediaDescription.VIDEO)).count(),
        "the one refused video section, no second");
  }

  @Test
  void anOfferWithNoVideoCodecInCommonIsRefusedNamingWhatIsSupported() {
    var refused =
        assertThrows(
            MediaRefused.class,
            () ->
                room.publish(
                    alice, FakeTab.offer("chromium-156-h264-main-only-offer.sdp"), Map.of()));
    assertEquals("unsupported_codec", refused.code());
    var text = refused.getMessage();
    assertTrue(text.contains("4d001f"), text);
    assertTrue(text.contains("VP8") && text.contains("H.264"), text);
    assertTrue(text.contains("packetization-mode=1"), text);
    assertTrue(room.router().producers().isEmpty());
  }
}
