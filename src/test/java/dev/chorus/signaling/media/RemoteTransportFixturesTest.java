package dev.chorus.signaling.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The far side of a transport read from every answer fixture (what a subscriber sends back) and
 * from the non-browser offers: ICE credentials, the DTLS fingerprint (Firefox writes it at session
 * level) and the candidates of the BUNDLE transport (RFC 8839 §5.1, RFC 8122 §5, RFC 8843).
 */
class RemoteTransportFixturesTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "chromium-156-answer-to-firefox-153.sdp, Z78o, 4",
    "firefox-153-answer-to-chromium-156.sdp, 3ef4685f, 4",
    "werift-0.24.4-answer-to-chromium-156.sdp, 5700, 2",
    "libdatachannel-0.24.5-answer-to-chromium-156.sdp, L3jw, 2",
    "werift-0.24.4-audio-video-datachannel-offer.sdp, 4bf5, 2",
    "libdatachannel-0.24.5-audio-video-datachannel-offer.sdp, BFZK, 2",
    "firefox-153-max-bundle-offer.sdp, 1f7239c7, 8"
  })
  void theBundleTransportIsRead(String fixture, String ufrag, int candidates) {
    var remote = TransportLines.Remote.of(SdpFixtures.parse(fixture)).orElseThrow();
    assertEquals(ufrag, remote.ufrag());
    assertFalse(remote.fingerprints().isEmpty());
    assertEquals(candidates, remote.candidates().size());
  }
}
