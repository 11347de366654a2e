package dev.chorus.signaling.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.sfu.MediaKind;
import dev.chorus.media.sfu.stream.RtpCodec;
import dev.chorus.signaling.sdp.Codec;
import dev.chorus.signaling.sdp.Origin;
import dev.chorus.signaling.sdp.Simulcast;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The video codec of a publisher's section (RFC 8829 §5.3.1: the offer's order is its preference):
 * VP8 or H.264 in packetization mode 1, Constrained Baseline (RFC 6184 §8.1), whichever comes
 * first; Chromium 156's real offers with H.264 preferred by {@code setCodecPreferences}.
 */
class PublishAnswerH264Test {
  private static final TransportLines LINES = new TransportLines(SdpFixtures.SERVER);

  /** A video section listing {@code formats}, each "pt name fmtp" (fmtp may be "-"). */
  private static String video(String formats) {
    var pts = new StringBuilder();
    var lines = new StringBuilder();
    for (var f : formats.split(",")) {
      var parts = f.trim().split(" ");
      pts.append(' ').append(parts[0]);
      lines.append("a=rtpmap:").append(parts[0]).append(' ').append(parts[1]).append("/90000\r\n");
      if (!parts[2].equals("-")) {
        lines.append("a=fmtp:").append(parts[0]).append(' ').append(parts[2]).append("\r\n");
      }
    }
    return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
        + "a=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n"
        + "a=fingerprint:sha-256 "
        + "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:"
        + "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89\r\n"
        + "m=video 9 UDP/TLS/RTP/SAVPF"
        + pts
        + "\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=sendonly\r\n"
        + lines;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          VP8 first, as browsers list it                 | 96 VP8 -, 102 H264 packetization-mode=1;profile-level-id=42e01f | 96
          H.264 first: setCodecPreferences               | 102 H264 packetization-mode=1;profile-level-id=42e01f, 96 VP8 - | 102
          H.264 only, as hardware encoders offer it      | 102 H264 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f | 102
          mode 0 skipped for the mode 1 entry after it   | 104 H264 packetization-mode=0;profile-level-id=42e01f, 102 H264 packetization-mode=1;profile-level-id=42e01f | 102
          Baseline without constraint_set1 skipped       | 106 H264 packetization-mode=1;profile-level-id=42001f, 96 VP8 - | 96
          High profile skipped                           | 110 H264 packetization-mode=1;profile-level-id=640c1f, 96 VP8 - | 96
          VP9 and AV1 skipped                            | 98 VP9 profile-id=0, 45 AV1 -, 96 VP8 -  | 96
          codec names are case-insensitive               | 102 h264 packetization-mode=1;profile-level-id=42e01f | 102
          nothing usable                                 | 98 VP9 profile-id=0, 110 H264 packetization-mode=1;profile-level-id=640c1f | -1
          """)
  void theFirstUsableCodecInTheOffersOrder(String rule, String formats, int chosen) {
    var m = SdpFixtures.parseText(video(formats)).media().get(0);
    assertEquals(
        chosen,
        PublishAnswer.chooseCodec(m, MediaKind.VIDEO).map(Codec::payloadType).orElse(-1),
        rule);
  }

  @Test
  void chromiumPreferringH264PublishesH264WithItsRtxAndTheAnswerSaysSo() {
    var offer = SdpFixtures.parse("chromium-156-h264-preferred-offer.sdp");
    var plan = PublishAnswer.plan(offer);
    var video = assertInstanceOf(PublishAnswer.Publish.class, plan.get(1));
    assertEquals(List.of(new RtpCodec(108, "video/H264", 90000, 109)), video.producer().codecs());

    var answer =
        SdpFixtures.parseText(PublishAnswer.answer(offer, plan, LINES, Origin.of("42", 1)));
    var section = answer.media().get(1);
    assertEquals(List.of("108", "109"), section.formats());
    var h264 = section.codecs().get(0);
    assertEquals("H264", h264.name());
    assertEquals("1", h264.parameters().get("packetization-mode"));
    assertEquals("42e01f", h264.parameters().get("profile-level-id"));
    assertTrue(h264.hasFeedback("nack", "pli") && h264.hasFeedback("ccm", "fir"));
    assertEquals(109, section.rtxPayloadType(108).orElseThrow());
  }

  @Test
  void chromiumSimulcastsInH264() {
    var offer = SdpFixtures.parse("chromium-156-h264-preferred-simulcast-offer.sdp");
    var plan = PublishAnswer.plan(offer);
    var video = assertInstanceOf(PublishAnswer.Publish.class, plan.get(1));
    assertEquals("video/H264", video.producer().codecs().get(0).mimeType());
    assertEquals(List.of("l", "h"), video.rids());
    var answer =
        SdpFixtures.parseText(PublishAnswer.answer(offer, plan, LINES, Origin.of("42", 1)));
    assertEquals(
        Simulcast.recv(List.of("l", "h")), answer.media().get(1).simulcast().orElseThrow());
  }

  @Test
  void anH264OnlyOfferIsPublishedNotRejected() throws MediaRefused {
    var offer = PublishOffer.of(SdpFixtures.parse("chromium-156-h264-only-offer.sdp"));
    var video = assertInstanceOf(PublishAnswer.Publish.class, offer.plan().get(1));
    assertEquals(List.of(new RtpCodec(108, "video/H264", 90000, 109)), video.producer().codecs());
  }
}
