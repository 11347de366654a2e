package dev.chorus.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The recorded SDP of real stacks under src/test/resources/sdp (SOURCES.md says where from). */
public final class SdpFixtures {
  private SdpFixtures() {}

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

  /** A fixture as recorded (LF line endings). */
  public static String load(String name) {
    try (var in = SdpFixtures.class.getResourceAsStream("/sdp/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fixture without its candidates, with CRLF line endings, as a client would POST it. */
  public static String withoutCandidates(String name) {
    return load(name).replaceAll("a=candidate:[^\n]*\n", "").replace("\n", "\r\n");
  }

  /**
   * OBS's WHIP offer: libdatachannel's sendonly Opus + H.264 42e01f offer (OBS Studio's WHIP output
   * uses libdatachannel), without candidates.
   */
  public static String obsWhipOffer() {
    return withoutCandidates("libdatachannel-0.24.5-h264-offer.sdp");
  }

  /** Chromium's recvonly offer with one audio and one video section: a WHEP player's. */
  public static String chromiumWhepOffer() {
    var text = load("chromium-156-recvonly-offer.sdp").replaceAll("a=candidate:[^\n]*\n", "");
    var third = text.indexOf("\nm=", text.indexOf("\nm=", text.indexOf("\nm=") + 1) + 1);
    return text.substring(0, third + 1)
        .replace("a=group:BUNDLE 0 1 2", "a=group:BUNDLE 0 1")
        .replace("\n", "\r\n");
  }
}
