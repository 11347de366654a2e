package dev.chorus.signaling.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.sfu.MediaKind;
import dev.chorus.signaling.sdp.Direction;
import dev.chorus.signaling.sdp.Origin;
import dev.chorus.signaling.sdp.SessionDescription;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * WHEP answers to Chromium's real recvonly offer: the player's own payload types, RTX and header
 * extension ids; sendonly with the consumer's SSRCs in an FID group; every candidate and
 * end-of-candidates; BUNDLE; and the refusals (no codec, DTLS role, two lines of a kind, nothing to
 * receive).
 */
class PlayAnswerTest {
  private static final TransportLines LINES = new TransportLines(SdpFixtures.SERVER);
  private static final Map<MediaKind, String> VP8_OPUS =
      Map.of(MediaKind.AUDIO, "audio/opus", MediaKind.VIDEO, "video/VP8");

  /** Chromium's recvonly offer with its third section (a second video) cut off. */
  static String oneVideo() {
    var text = SdpFixtures.text(SdpFixtures.RECVONLY);
    var second = text.indexOf("\r\nm=", text.indexOf("\r\nm=") + 1);
    var third = text.indexOf("\r\nm=", second + 1);
    return text.substring(0, third + 2).replace("a=group:BUNDLE 0 1 2", "a=group:BUNDLE 0 1");
  }

  private static String answer(String offerText, Map<MediaKind, String> published)
      throws MediaRefused {
    var offer = PlayOffer.of(SdpFixtures.parseText(offerText));
    var plan = PlayAnswer.plan(offer, published);
    var sources =
        Map.of(
            "0",
                new PlayAnswer.Source(
                    1111, 0, "cn", "minptime=10;useinbandfec=1", "s-camera", "a1"),
            "1", new PlayAnswer.Source(2222, 3333, "cn", "", "s-camera", "v1"));
    return PlayAnswer.answer(offer, plan, sources, LINES, Origin.of("7", 1));
  }

  @Test
  void answersInThePlayersPayloadTypesWithItsExtensionIdsAndTheConsumersSsrcs()
      throws MediaRefused {
    var sdp = answer(oneVideo(), VP8_OPUS);
    var answer = SessionDescription.parse(sdp).ok().orElseThrow();
    assertTrue(answer.iceLite());
    assertEquals(java.util.List.of("0", "1"), answer.bundleMids());
    var audio = answer.media("0").orElseThrow();
    var video = answer.media("1").orElseThrow();
    assertEquals(Direction.SENDONLY, audio.direction().orElseThrow());
    assertEquals(Direction.SENDONLY, video.direction().orElseThrow());
    assertEquals("111", audio.formats().get(0));
    assertEquals(java.util.List.of("96", "97"), video.formats());
    assertEquals(
        96,
        video.codecs().stream()
            .filter(c -> c.isRtx())
            .findFirst()
            .orElseThrow()
            .associatedPayloadType()
            .getAsInt());
    assertEquals(4, audio.extensionId(RtpUris.MID).getAsInt());
    assertEquals(1, audio.extensionId(RtpUris.AUDIO_LEVEL).getAsInt());
    assertEquals(2, video.extensionId(RtpUris.ABS_SEND_TIME).getAsInt());
    assertTrue(video.extensionId(RtpUris.AUDIO_LEVEL).isEmpty());
    assertTrue(video.extensionId(RtpUris.TRANSPORT_CC).isEmpty(), "no transport-cc to players");
    assertTrue(sdp.contains("a=ssrc-group:FID 2222 3333"), sdp);
    assertTrue(sdp.contains("a=ssrc:1111 cname:cn"), sdp);
    assertTrue(sdp.contains("a=msid:s-camera v1"), sdp);
    assertTrue(sdp.contains("a=fmtp:111 minptime=10;useinbandfec=1"), sdp);
    assertTrue(sdp.contains("a=rtcp-fb:96 nack pli"), sdp);
    assertTrue(!sdp.contains("a=rtcp-fb:96 transport-cc"), sdp);
    assertTrue(sdp.contains("a=candidate:1 1 udp 2130706431 127.0.0.1 10000 typ host"), sdp);
    assertTrue(sdp.contains("a=end-of-candidates"), sdp);
    assertTrue(sdp.contains("a=setup:passive"), sdp);
  }

  @Test
  void aKindTheStreamLacksIsInactive() throws MediaRefused {
    var sdp = answer(oneVideo(), Map.of(MediaKind.VIDEO, "video/VP8"));
    var answer = SessionDescription.parse(sdp).ok().orElseThrow();
    assertEquals(Direction.INACTIVE, answer.media("0").orElseThrow().direction().orElseThrow());
    assertEquals(Direction.SENDONLY, answer.media("1").orElseThrow().direction().orElseThrow());
  }

  @Test
  void h264GoesToThePlayersConstrainedBaselineTypeOrAnyModeOneType() throws MediaRefused {
    var offer = PlayOffer.of(SdpFixtures.parseText(oneVideo()));
    var plan = PlayAnswer.plan(offer, Map.of(MediaKind.VIDEO, "video/H264"));
    var play = assertInstanceOf(PlayAnswer.Play.class, plan.get(1));
    assertTrue(
        dev.chorus.media.codec.H264Format.isForwardable(play.codec().parameters()),
        play.codec().toString());
    assertTrue(play.rtp().hasRtx());

    // Only High (640c1f) offered: still mode 1, so taken (the publisher's stream is CB anyway).
    var highOnly = oneVideo().replaceAll("profile-level-id=[0-9a-f]{6}", "profile-level-id=640c1f");
    var high =
        PlayAnswer.plan(
            PlayOffer.of(SdpFixtures.parseText(highOnly)), Map.of(MediaKind.VIDEO, "video/H264"));
    var highPlay = assertInstanceOf(PlayAnswer.Play.class, high.get(1));
    assertEquals("640c1f", highPlay.codec().parameters().get("profile-level-id"));
    assertEquals("1", highPlay.codec().parameters().get("packetization-mode"));
  }

  @Test
  void noCodecInCommonRefusesTheWholeOfferNamingBothSides() {
    var e =
        assertThrows(
            MediaRefused.class,
            () ->
                PlayAnswer.plan(
                    PlayOffer.of(SdpFixtures.parseText(oneVideo())),
                    Map.of(MediaKind.VIDEO, "video/AV1X")));
    assertEquals("unsupported_codec", e.code());
    assertTrue(e.getMessage().contains("AV1X") && e.getMessage().contains("VP8"), e.getMessage());
  }

  @Test
  void refusesPassiveTwoVideoLinesAndNothingToReceive() {
    var passive = oneVideo().replace("a=setup:actpass", "a=setup:passive");
    assertEquals("dtls_role", refusal(passive));
    assertEquals("too_many_tracks", refusal(SdpFixtures.text(SdpFixtures.RECVONLY)));
    assertEquals("bad_sdp", refusal(oneVideo().replace("a=recvonly", "a=sendonly")));
    assertEquals("bad_sdp", refusal(oneVideo().replaceAll("a=fingerprint:[^\r\n]*\r\n", "")));
  }

  private static String refusal(String text) {
    return assertThrows(MediaRefused.class, () -> PlayOffer.of(SdpFixtures.parseText(text))).code();
  }
}
