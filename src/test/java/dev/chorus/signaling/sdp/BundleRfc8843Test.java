package dev.chorus.signaling.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 8843 §6 and §7.2.1: an offered {@code a=bundle-only} section has port 0 yet is not removed
 * when it is in the BUNDLE group; port 0 without bundle-only (RFC 3264 §8.2) still means removed.
 */
class BundleRfc8843Test {
  private static final String HEAD =
      "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n"
          + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n";

  static Stream<Arguments> sections() {
    return Stream.of(
        Arguments.of("bundle-only, port 0, in the group", "0", "1", "a=bundle-only\r\n", false),
        Arguments.of("port 0, no bundle-only: removed", "0", "1", "", true),
        Arguments.of("bundle-only, port 0, outside the group", "0", "2", "a=bundle-only\r\n", true),
        Arguments.of("bundle-only with a port", "9", "1", "a=bundle-only\r\n", false),
        Arguments.of("an ordinary section", "9", "1", "", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sections")
  void portZeroMeansRemovedUnlessBundleOnly(
      String name, String port, String mid, String bundleOnly, boolean removed) {
    String text =
        HEAD
            + "m=video "
            + port
            + " UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\n"
            + bundleOnly
            + "a=mid:"
            + mid
            + "\r\n";
    SessionDescription sdp = SdpParser.parse(text).ok().orElseThrow();
    MediaDescription video = sdp.media().get(1);
    assertEquals(!bundleOnly.isEmpty(), video.isBundleOnly());
    assertEquals(removed, sdp.isRemoved(video), name);
    assertFalse(sdp.isRemoved(sdp.media().get(0)));
  }

  @Test
  void firefoxMaxBundleOfferKeepsItsBundleOnlySections() {
    SessionDescription offer = Fixtures.parse("firefox-153-max-bundle-offer.sdp");
    assertEquals(
        List.of(false, false, false), offer.media().stream().map(offer::isRemoved).toList());
    assertEquals(
        List.of(false, true, true),
        offer.media().stream().map(MediaDescription::isBundleOnly).toList());
  }
}
