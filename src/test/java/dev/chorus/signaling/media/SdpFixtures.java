package dev.chorus.signaling.media;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.chorus.media.dtls.DtlsFingerprint;
import dev.chorus.media.ice.IceCandidate;
import dev.chorus.media.sfu.transport.LocalParameters;
import dev.chorus.signaling.sdp.SessionDescription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Browser SDP from {@code src/test/resources/sdp/} and a made-up server side. */
final class SdpFixtures {
  static final String AUDIO_VIDEO = "chromium-156-audio-video-datachannel-offer.sdp";
  static final String SIMULCAST = "chromium-156-simulcast-offer.sdp";
  static final String RECVONLY = "chromium-156-recvonly-offer.sdp";
  static final String FIREFOX = "firefox-121-audio-video-offer.sdp";

  static final LocalParameters SERVER =
      new LocalParameters(
          "srvU",
          "serverPassword0123456789",
          List.of(
              IceCandidate.parse("candidate:1 1 udp 2130706431 127.0.0.1 10000 typ host")
                  .orElseThrow()),
          DtlsFingerprint.parse(
                  "sha-256 "
                      + "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:"
                      + "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89")
              .orElseThrow());

  private SdpFixtures() {}

  static String text(String name) {
    try (var in = SdpFixtures.class.getResourceAsStream("/sdp/" + name)) {
      assertNotNull(in, name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("\r\n", "\n")
          .replace("\n", "\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SessionDescription parse(String name) {
    return SessionDescription.parse(text(name)).ok().orElseThrow();
  }

  static SessionDescription parseText(String sdp) {
    return SessionDescription.parse(sdp).ok().orElseThrow();
  }
}
