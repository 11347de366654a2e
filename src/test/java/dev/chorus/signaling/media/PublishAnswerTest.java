package dev.chorus.signaling.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.sfu.Encoding;
import dev.chorus.media.sfu.MediaKind;
import dev.chorus.media.sfu.stream.HeaderExtensionIds;
import dev.chorus.media.sfu.stream.RtpCodec;
import dev.chorus.signaling.sdp.Direction;
import dev.chorus.signaling.sdp.MediaDescription;
import dev.chorus.signaling.sdp.Origin;
import dev.chorus.signaling.sdp.RtcpFeedback;
import dev.chorus.signaling.sdp.Setup;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chrome's and Firefox's offers to publish, and the answers a browser can apply. */
class PublishAnswerTest {
  private static final TransportLines LINES = new TransportLines(SdpFixtures.SERVER);

  @Test
  void chromeAudioAndVideoBecomeAnOpusAndAVp8ProducerAnnouncedBySsrc() {
    var plan = PublishAnswer.plan(SdpFixtures.parse(SdpFixtures.AUDIO_VIDEO));
    assertEquals(3, plan.size());
    var audio = assertInstanceOf(PublishAnswer.Publish.class, plan.get(0));
    assertEquals("0", audio.mid());
    assertEquals(MediaKind.AUDIO, audio.producer().kind());
    assertEquals(List.of(RtpCodec.of(111, "audio/opus", 48000)), audio.producer().codecs());
    assertEquals(List.of(Encoding.ofSsrc(3969108070L, 0)), audio.producer().encodings());
    assertEquals("HAa1gLyA5m/BPJvc", audio.producer().cname());
    assertEquals(new HeaderExtensionIds(4, 0, 0, 1, 2, 3), audio.producer().extensions());

    var video = assertInstanceOf(PublishAnswer.Publish.class, plan.get(1));
    assertEquals(List.of(new RtpCodec(96, "video/VP8", 90000, 97)), video.producer().codecs());
    assertEquals(List.of(Encoding.ofSsrc(361878873L, 1517846958L)), video.producer().encodings());
    assertEquals(new HeaderExtensionIds(4, 10, 11, 0, 2, 3), video.producer().extensions());
    assertInstanceOf(PublishAnswer.Rejected.class, plan.get(2)); // the data channel
  }

  @Test
  void theAnswerReceivesOneCodecPerSectionAndRejectsTheDataChannel() {
    var offer = SdpFixtures.parse(SdpFixtures.AUDIO_VIDEO);
    var answer =
        SdpFixtures.parseText(
            PublishAnswer.answer(offer, PublishAnswer.plan(offer), LINES, Origin.of("42", 1)));
    assertTrue(answer.iceLite());
    assertEquals(List.of("0", "1"), answer.bundleMids());
    assertEquals("srvU", answer.iceCredentials().orElseThrow().ufrag());
    assertEquals(Setup.PASSIVE, answer.setup().orElseThrow());

    var audio = answer.media().get(0);
    assertEquals(Direction.RECVONLY, audio.direction().orElseThrow());
    assertEquals(List.of("111"), audio.formats());
    assertEquals(
        List.of("transport-cc"),
        audio.codecs().get(0).feedback().stream().map(RtcpFeedback::kind).toList());
    assertEquals(
        List.of(1, 2, 3, 4), audio.extensions().stream().map(e -> e.id()).sorted().toList());
    assertEquals("10", audio.codecs().get(0).parameters().get("minptime"));

    var video = answer.media().get(1);
    assertEquals(List.of("96", "97"), video.formats());
    assertEquals(97, video.rtxPayloadType(96).orElseThrow());
    var feedback = video.codecs().get(0).feedback().stream().map(RtcpFeedback::kind).toList();
    assertTrue(
        feedback.containsAll(List.of("nack", "nack pli", "ccm fir", "goog-remb", "transport-cc")),
        feedback.toString());
    // Only the extensions the router uses, under the offer's ids.
    assertEquals(
        List.of(2, 3, 4, 10, 11), video.extensions().stream().map(e -> e.id()).sorted().toList());
    assertTrue(video.ssrcAttributes().isEmpty(), "the server sends nothing on this transport");

    var data = answer.media().get(2);
    assertTrue(data.isRejected());
    assertEquals(MediaDescription.APPLICATION, data.media());
  }

  @Test
  void simulcastByRidIsAcceptedLowestLayerFirst() {
    var offer = SdpFixtures.parse(SdpFixtures.SIMULCAST);
    var plan = PublishAnswer.plan(offer);
    var video = assertInstanceOf(PublishAnswer.Publish.class, plan.get(1));
    assertEquals(
        List.of(Encoding.ofRid("q"), Encoding.ofRid("h"), Encoding.ofRid("f")),
        video.producer().encodings());
    var answer = SdpFixtures.parseText(PublishAnswer.answer(offer, plan, LINES, Origin.of("1", 1)));
    var section = answer.media().get(1);
    assertEquals(List.of("q", "h", "f"), section.simulcast().orElseThrow().recvRids());
    assertEquals(3, section.rids().size());
  }

  @Test
  void sectionsThatSendNothingAreKeptInactive() {
    var offer = SdpFixtures.parse(SdpFixtures.RECVONLY);
    var plan = PublishAnswer.plan(offer);
    assertTrue(plan.stream().allMatch(PublishAnswer.Idle.class::isInstance), plan.toString());
    var answer = SdpFixtures.parseText(PublishAnswer.answer(offer, plan, LINES, Origin.of("1", 1)));
    for (var m : answer.media()) {
      assertEquals(Direction.INACTIVE, m.direction().orElseThrow());
      assertFalse(m.isRejected());
    }
  }

  @Test
  void firefoxOffersArePublishedToo() {
    var plan = PublishAnswer.plan(SdpFixtures.parse(SdpFixtures.FIREFOX));
    var audio = assertInstanceOf(PublishAnswer.Publish.class, plan.get(0));
    assertEquals(109, audio.codec().payloadType());
    var video = assertInstanceOf(PublishAnswer.Publish.class, plan.get(1));
    assertEquals(120, video.codec().payloadType());
    assertEquals(List.of(Encoding.ofSsrc(7463831L, 2513307155L)), video.producer().encodings());
  }
}
