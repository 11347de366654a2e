package dev.chorus.signaling.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 8840 trickle-ice-sdpfrag bodies, as WHIP/WHEP clients PATCH them (RFC 9725 §4.3.1). */
class SdpFragmentTest {
  /** The shape of RFC 8840 §9's example (session-level ICE lines, then one m= section). */
  private static final String RFC_8840_EXAMPLE =
      String.join(
          "\r\n",
          "a=ice-options:trickle ice2",
          "a=group:BUNDLE 1",
          "a=ice-ufrag:EsAw",
          "a=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1",
          "m=audio 9 RTP/AVP 0",
          "a=mid:1",
          "a=candidate:1 1 UDP 2130706431 198.51.100.1 49170 typ host",
          "a=candidate:2 1 UDP 1694498815 192.0.2.3 49170 typ srflx raddr 198.51.100.1 rport 49170",
          "a=end-of-candidates",
          "");

  @Test
  void readsCredentialsSectionsCandidatesAndTheEnd() {
    var f = SdpFragment.parse(RFC_8840_EXAMPLE).ok().orElseThrow();
    assertEquals(Optional.of("EsAw"), f.ufrag());
    assertEquals(Optional.of("P2uYro0UCOQ4zxjKXaWCBui1"), f.password());
    assertEquals(1, f.sections().size());
    var s = f.sections().get(0);
    assertEquals("1", s.mid());
    assertTrue(s.endOfCandidates());
    assertEquals(2, s.candidates().size());
    assertEquals("192.0.2.3", s.candidates().get(1).address());
    assertEquals("srflx", s.candidates().get(1).type());
    assertTrue(f.endOfCandidates());
  }

  @Test
  void mediaLevelCredentialsAndSeveralSectionsAndLfLineEndings() {
    var text =
        String.join(
            "\n",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",
            "a=mid:0",
            "a=ice-ufrag:abcd",
            "a=ice-pwd:0123456789012345678901",
            "a=candidate:3 1 udp 2122260223 10.0.0.1 50000 typ host",
            "m=video 9 UDP/TLS/RTP/SAVPF 96",
            "a=mid:1",
            "");
    var f = SdpFragment.parse(text).ok().orElseThrow();
    assertEquals(Optional.of("abcd"), f.ufrag());
    assertEquals(List.of("0", "1"), f.sections().stream().map(SdpFragment.Section::mid).toList());
    assertEquals(1, f.candidates().size());
    assertFalse(f.endOfCandidates());
  }

  @Test
  void anEndOfCandidatesAloneIsAFragmentToo() {
    var f = SdpFragment.parse("m=audio 9 RTP/AVP 0\r\na=mid:0\r\na=end-of-candidates\r\n");
    assertTrue(f.ok().orElseThrow().endOfCandidates());
    assertTrue(f.ok().orElseThrow().candidates().isEmpty());
  }

  @Test
  void malformedInputNamesTheLine() {
    assertFails("m=audio 9 RTP/AVP 0\r\na=mid:0\r\na=candidate:nonsense\r\n", 3);
    assertFails("a=candidate:1 1 UDP 2130706431 198.51.100.1 49170 typ host\r\n", 1);
    assertFails("m=audio 9 RTP/AVP 0\r\na=candidate:1 1 UDP 1 192.0.2.1 1 typ host\r\n", 1);
    assertFails("hello\r\n", 1);
    assertFails("a=ice-ufrag:\r\n", 1);
    assertFails("a=mid:0\r\n", 1);
    assertTrue(SdpFragment.parse(null).failure().isPresent());
  }

  private static void assertFails(String text, int line) {
    var error = SdpFragment.parse(text).failure().orElseThrow(() -> new AssertionError(text));
    assertEquals(line, error.lineNumber(), error.message());
  }
}
