package dev.chorus.signaling.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.sfu.MediaKind;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WHIP offers of real stacks (recorded under src/test/resources/sdp): libdatachannel's H.264 + Opus
 * sendonly offer (what OBS Studio's WHIP output sends), werift's and Chromium's, each accepted with
 * one producer per kind in the codec the stack put first that the router forwards; and what a
 * stream refuses that a tab would not: {@code a=setup:passive} (ffmpeg's WHIP muxer) and a second
 * track of a kind. ffmpeg's offer itself is not recorded here (no ffmpeg with {@code -f whip} on
 * the build machine): its two traits are applied to libdatachannel's.
 */
class WhipOfferTest {
  private static final String OBS = "libdatachannel-0.24.5-h264-offer.sdp";

  private static Map<MediaKind, String> codecs(PublishOffer offer) {
    return offer.plan().stream()
        .filter(PublishAnswer.Publish.class::isInstance)
        .map(PublishAnswer.Publish.class::cast)
        .collect(
            Collectors.toMap(
                p -> p.producer().kind(), p -> p.producer().codecs().get(0).mimeType()));
  }

  @Test
  void obsOfferIsH264ConstrainedBaselineAndOpusWithSsrcsFromTheSdp() throws MediaRefused {
    var offer = WhipOffer.of(FakeTab.offer(OBS));
    assertEquals(
        Map.of(MediaKind.AUDIO, "audio/opus", MediaKind.VIDEO, "video/H264"), codecs(offer));
    var video =
        offer.plan().stream()
            .filter(PublishAnswer.Publish.class::isInstance)
            .map(PublishAnswer.Publish.class::cast)
            .filter(p -> p.producer().kind() == MediaKind.VIDEO)
            .findFirst()
            .orElseThrow();
    // No MID/RID header extensions offered: the SSRC comes from a=ssrc.
    assertEquals(2222L, video.producer().encodings().get(0).ssrc());
    assertEquals(0, video.producer().extensions().mid());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "werift-0.24.4-audio-video-datachannel-offer.sdp",
        "chromium-156-audio-video-datachannel-offer.sdp"
      })
  void weriftAndChromiumOffersAreVp8AndOpus(String fixture) throws MediaRefused {
    assertEquals(
        Map.of(MediaKind.AUDIO, "audio/opus", MediaKind.VIDEO, "video/VP8"),
        Map.copyOf(
            codecs(WhipOffer.of(FakeTab.offer(fixture))).entrySet().stream()
                .collect(
                    Collectors.toMap(
                        Map.Entry::getKey, e -> e.getValue().replace("OPUS", "opus")))));
  }

  @Test
  void aPassiveOfferIsRefusedAsTheServerIsOnlyADtlsServer() {
    var text = SdpFixtures.text(OBS).replaceAll("a=candidate:[^\r\n]*\r\n", "");
    var passive = SdpFixtures.parseText(text.replace("a=setup:actpass", "a=setup:passive"));
    assertEquals("dtls_role", assertThrows(MediaRefused.class, () -> WhipOffer.of(passive)).code());
  }

  @Test
  void aHighProfileH264OfferIsRefusedNamingTheProfile() {
    var text = SdpFixtures.text(OBS).replace("profile-level-id=42e01f", "profile-level-id=640c1f");
    var e = assertThrows(MediaRefused.class, () -> WhipOffer.of(SdpFixtures.parseText(text)));
    assertEquals("unsupported_codec", e.code());
    assertTrue(e.getMessage().contains("640c1f"), e.getMessage());
  }

  @Test
  void aSecondVideoTrackIsRefused() throws MediaRefused {
    var text = SdpFixtures.text(OBS);
    var video = text.substring(text.indexOf("m=video"));
    var twice =
        text.replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0 1 2")
            + video.replace("a=mid:1", "a=mid:2").replace("2222", "3333");
    var e = assertThrows(MediaRefused.class, () -> WhipOffer.of(SdpFixtures.parseText(twice)));
    assertEquals("too_many_tracks", e.code());
    // A tab may send two videos (camera and screen): only a stream is limited.
    assertEquals(
        List.of(MediaKind.AUDIO, MediaKind.VIDEO, MediaKind.VIDEO),
        PublishOffer.of(SdpFixtures.parseText(twice)).plan().stream()
            .filter(PublishAnswer.Publish.class::isInstance)
            .map(p -> ((PublishAnswer.Publish) p).producer().kind())
            .toList());
  }
}
