package dev.chorus.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The recorded SDP of real stacks under src/test/resources/sdp (SOURCES.md says where from). */
public final class SdpFixtures {
  private SdpFixtures() {}

  /** A recording under src/test/resources/sdp, as it is. */
  public static String text(String name) {
    try (var in = SdpFixtures.class.getResourceAsStream("/sdp/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Chromium's audio+video+data offer without its candidates (tests reach only 127.0.0.1). */
  public static String chromiumOfferWithoutCandidates() {
    try (var in =
        SdpFixtures.class.getResourceAsStream(
            "/sdp/chromium-156-audio-video-datachannel-offer.sdp")) {
      var text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.replace("\r\n", "\n")
          .replaceAll("a=candidate:[^\n]*\n", "")
          .replace("\n", "\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
