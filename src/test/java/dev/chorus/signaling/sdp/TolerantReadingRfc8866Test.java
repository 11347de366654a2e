package dev.chorus.signaling.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deviations from RFC 8866 (and the attribute RFCs) that real stacks send and that the parser
 * therefore reads: one row per deviation, named after the stack it was seen from. Each row must
 * parse, satisfy its check, write back as {@code written} (single spaces, no trailing blanks, RFC
 * 8866 §5 order) and parse back equal. What stays refused is in {@link SdpParseErrorTest}.
 */
class TolerantReadingRfc8866Test {
  private static final String HEAD = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n";
  private static final String AUDIO = "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";

  private static Arguments row(
      String stack, String text, Consumer<SessionDescription> check, String written) {
    return Arguments.of(stack, text, check, written);
  }

  static Stream<Arguments> deviations() {
    return Stream.of(
        row(
            "libdatachannel 0.24.5: comma-separated a=ice-options (RFC 8839 §5.6 says SP)",
            HEAD + "a=ice-options:ice2,trickle\r\n",
            sdp -> assertEquals(List.of("ice2", "trickle"), sdp.iceOptions()),
            HEAD + "a=ice-options:ice2,trickle\r\n"),
        row(
            "Chromium 156: a space after the colon of a=msid-semantic",
            HEAD + "a=msid-semantic: WMS s1\r\n",
            sdp -> assertEquals(List.of("s1"), sdp.msidSemantic().orElseThrow().streamIds()),
            HEAD + "a=msid-semantic: WMS s1\r\n"),
        row(
            "IP camera (VSTARCAM RTSP server, sdroege/sdp-types#7): SP and TAB at a line's end",
            HEAD + "m=audio 0 RTP/AVP 8\t \r\nb=AS:64\r\n",
            sdp -> assertEquals(List.of("8"), sdp.media().get(0).formats()),
            HEAD + "m=audio 0 RTP/AVP 8\r\nb=AS:64\r\n"),
        row(
            "AES67 devices (tschiemer/aes67#2): a space after v=0",
            HEAD.replace("v=0\r\n", "v=0 \r\n"),
            sdp -> assertEquals("-", sdp.sessionName()),
            HEAD),
        row(
            "SIPp (sipwise/rtpengine#77), NVR webcams (pion/sdp#44): blank lines at the end",
            HEAD + AUDIO + "a=mid:0\r\n\r\n\r\n",
            sdp -> assertEquals(1, sdp.media().size()),
            HEAD + AUDIO + "a=mid:0\r\n"),
        row(
            "SMPTE 2110 sender (sony/nmos-cpp#44): two spaces and '; ' in a=fmtp",
            HEAD
                + "m=video 9 RTP/AVP 96\r\na=rtpmap:96 raw/90000\r\n"
                + "a=fmtp:96  sampling=YCbCr-4:2:2; width=1280\r\n",
            sdp -> {
              var parameters = sdp.media().get(0).codec(96).orElseThrow().parameters();
              assertEquals("YCbCr-4:2:2", parameters.get("sampling"));
              assertEquals("1280", parameters.get("width"));
            },
            HEAD
                + "m=video 9 RTP/AVP 96\r\na=rtpmap:96 raw/90000\r\n"
                + "a=fmtp:96  sampling=YCbCr-4:2:2; width=1280\r\n"),
        row(
            "templated SDP: runs of spaces between the fields of m=, c= and candidates",
            HEAD
                + "m=audio  9 UDP/TLS/RTP/SAVPF  111\r\nc=IN  IP4 0.0.0.0\r\n"
                + "a=candidate:1  1 udp 1 192.0.2.1 5000 typ host \r\n",
            sdp -> assertEquals(5000, sdp.media().get(0).candidates().get(0).port()),
            HEAD + AUDIO + "c=IN IP4 0.0.0.0\r\na=candidate:1 1 udp 1 192.0.2.1 5000 typ host\r\n"),
        row(
            "Chorus's own publish answer before issue 12: c= after a=mid",
            HEAD + AUDIO + "a=mid:0\r\nc=IN IP4 0.0.0.0\r\na=recvonly\r\n",
            sdp -> assertEquals("0", sdp.media().get(0).mid().orElseThrow()),
            HEAD + AUDIO + "c=IN IP4 0.0.0.0\r\na=mid:0\r\na=recvonly\r\n"),
        row(
            "Chromium 156, libdatachannel 0.24.5: attributes the SFU does not know are kept",
            HEAD
                + "a=group:LS 0 1\r\n"
                + AUDIO
                + "a=rtcp-xr:rcvr-rtt=all\r\na=x-google-flag:conference\r\na=ptime:20\r\n",
            sdp -> assertEquals(3, sdp.media().get(0).attributes(Attribute.Other.class).size()),
            HEAD
                + "a=group:LS 0 1\r\n"
                + AUDIO
                + "a=rtcp-xr:rcvr-rtt=all\r\na=x-google-flag:conference\r\na=ptime:20\r\n"),
        row(
            "werift 0.24.4: codec names in upper case (a=rtpmap:96 OPUS/48000/2)",
            HEAD + "m=audio 9 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 OPUS/48000/2\r\n",
            sdp -> assertEquals("OPUS", sdp.media().get(0).codec(96).orElseThrow().name()),
            HEAD + "m=audio 9 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 OPUS/48000/2\r\n"),
        row(
            "Firefox 153: a=extmap with a direction, candidates in upper case with mDNS names",
            HEAD
                + AUDIO
                + "a=extmap:2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level\r\n"
                + "a=candidate:0 1 UDP 2122187007 9d83874e-cd4b-436b-9265-2de57fce0e78.local"
                + " 54519 typ host\r\n",
            sdp -> assertEquals(1, sdp.media().get(0).candidates().size()),
            HEAD
                + AUDIO
                + "a=extmap:2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level\r\n"
                + "a=candidate:0 1 UDP 2122187007 9d83874e-cd4b-436b-9265-2de57fce0e78.local"
                + " 54519 typ host\r\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deviations")
  void isReadAndWrittenCleanly(
      String stack, String text, Consumer<SessionDescription> check, String written) {
    var result = SdpParser.parse(text);
    assertTrue(result.isOk(), () -> stack + ": " + result.failure().orElseThrow().message());
    SessionDescription sdp = result.ok().orElseThrow();
    check.accept(sdp);
    assertEquals(written, sdp.toSdp(), stack);
    assertEquals(sdp, SdpParser.parse(sdp.toSdp()).ok().orElseThrow(), stack);
  }
}
