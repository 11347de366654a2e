package dev.chorus.signaling.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.sfu.MediaKind;
import dev.chorus.signaling.sdp.Direction;
import dev.chorus.signaling.sdp.Origin;
import dev.chorus.signaling.sdp.RtcpFeedback;
import dev.chorus.signaling.sdp.Setup;
import dev.chorus.signaling.sdp.SsrcGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The offers a subscriber's browser gets: one sendonly section per consumer, inactive when done.
 */
class SubscriberOfferTest {
  private static final TransportLines LINES = new TransportLines(SdpFixtures.SERVER);

  @Test
  void announcesEachConsumerWithItsSsrcsCodecsAndStream() {
    var slots =
        List.of(
            new SubscriberOffer.Slot(
                "0",
                MediaKind.AUDIO,
                new SubscriberOffer.Stream(
                    1111, 0, "cname-b", "minptime=10;useinbandfec=1", "chorus-b-camera", "a1")),
            new SubscriberOffer.Slot(
                "1",
                MediaKind.VIDEO,
                new SubscriberOffer.Stream(2222, 3333, "cname-b", "", "chorus-b-camera", "v1")),
            new SubscriberOffer.Slot("2", MediaKind.VIDEO, null));
    var offer = SdpFixtures.parseText(SubscriberOffer.offer(slots, LINES, Origin.of("7", 3)));

    assertEquals(3, offer.origin().sessionVersion());
    assertTrue(offer.iceLite());
    assertEquals(List.of("0", "1", "2"), offer.bundleMids());
    assertEquals(Setup.PASSIVE, offer.setup().orElseThrow());

    var audio = offer.media().get(0);
    assertEquals(Direction.SENDONLY, audio.direction().orElseThrow());
    assertEquals(List.of("111"), audio.formats());
    assertEquals("1", audio.codecs().get(0).parameters().get("useinbandfec"));
    assertEquals(List.of(1111L), audio.mediaSsrcs());
    assertEquals("chorus-b-camera", audio.msid().orElseThrow().streamId());
    assertEquals(1, audio.extensionId(RtpUris.AUDIO_LEVEL).orElseThrow());
    assertEquals(4, audio.extensionId(RtpUris.MID).orElseThrow());

    var video = offer.media().get(1);
    assertEquals(List.of("96", "97"), video.formats());
    assertEquals(List.of(new SsrcGroup(SsrcGroup.FID, List.of(2222L, 3333L))), video.ssrcGroups());
    assertEquals("chorus-b-camera", video.msid().orElseThrow().streamId());
    var feedback = video.codecs().get(0).feedback().stream().map(RtcpFeedback::kind).toList();
    assertTrue(feedback.containsAll(List.of("nack", "nack pli", "ccm fir", "goog-remb")));
    assertFalse(feedback.contains("transport-cc"), "the router sends subscribers no TWCC");
    assertTrue(video.extensionId(RtpUris.AUDIO_LEVEL).isEmpty());
    assertTrue(video.simulcast().isEmpty());

    var idle = offer.media().get(2);
    assertEquals(Direction.INACTIVE, idle.direction().orElseThrow());
    assertFalse(idle.isRejected(), "kept in the BUNDLE group so the transport survives");
    assertTrue(idle.ssrcAttributes().isEmpty());
    assertTrue(idle.msid().isEmpty());
  }
}
