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
  /** Offers: what the SFU is asked to answer (publish, echo). */
  static final List<String> OFFERS =
      List.of(
          "chromium-156-audio-video-datachannel-offer.sdp",
          "chromium-156-simulcast-offer.sdp",
          "chromium-156-recvonly-offer.sdp",
          "chromium-156-datachannel-offer.sdp",
          "chromium-156-audio-simulcast-datachannel-offer.sdp",
          "firefox-121-audio-video-offer.sdp",
          "firefox-58-audio-offer.sdp",
          "firefox-63-datachannel-offer.sdp",
          "firefox-153-audio-simulcast-datachannel-offer.sdp",
          "firefox-153-max-bundle-offer.sdp",
          "werift-0.24.4-audio-video-datachannel-offer.sdp",
          "libdatachannel-0.24.5-audio-video-datachannel-offer.sdp");

  /** Answers real stacks wrote to a browser's offer: what a subscriber may send back. */
  static final List<String> ANSWERS =
      List.of(
          "chromium-156-answer-to-firefox-153.sdp",
          "firefox-153-answer-to-chromium-156.sdp",
          "werift-0.24.4-answer-to-chromium-156.sdp",
          "libdatachannel-0.24.5-answer-to-chromium-156.sdp");

  static final List<String> ALL =
      java.util.stream.Stream.concat(OFFERS.stream(), ANSWERS.stream()).toList();

  private Fixtures() {}

  /** For {@code @MethodSource("dev.chorus.signaling.sdp.Fixtures#all")}. */
  static List<String> all() {
    return ALL;
  }

  static List<String> offers() {
    return OFFERS;
  }

  static List<String> answers() {
    return ANSWERS;
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
