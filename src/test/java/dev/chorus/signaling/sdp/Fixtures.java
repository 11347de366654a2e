package dev.chorus.signaling.sdp;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Loads the SDP fixtures under {@code src/test/resources/sdp/} (see SOURCES.md there). */
final class Fixtures {
  static final List<String> ALL =
      List.of(
          "chromium-156-audio-video-datachannel-offer.sdp",
          "chromium-156-simulcast-offer.sdp",
          "chromium-156-recvonly-offer.sdp",
          "chromium-156-datachannel-offer.sdp",
          "firefox-121-audio-video-offer.sdp",
          "firefox-58-audio-offer.sdp",
          "firefox-63-datachannel-offer.sdp");

  private Fixtures() {}

  /** For {@code @MethodSource("dev.chorus.signaling.sdp.Fixtures#all")}. */
  static List<String> all() {
    return ALL;
  }

  /** The fixture text as stored (LF line ends). */
  static String text(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/sdp/" + name)) {
      assertNotNull(in, "missing fixture " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture as a browser hands it over: CRLF line ends. */
  static String crlf(String name) {
    return text(name).replace("\r\n", "\n").replace("\n", "\r\n");
  }

  static SessionDescription parse(String name) {
    SdpResult<SessionDescription> result = SdpParser.parse(crlf(name));
    if (result instanceof SdpResult.Failed<SessionDescription> f) {
      fail(name + ": " + f.error().message());
    }
    return result.ok().orElseThrow();
  }
}
