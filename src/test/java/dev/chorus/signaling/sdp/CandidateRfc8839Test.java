package dev.chorus.signaling.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The candidate-attribute grammar of RFC 8839 §5.1, with RFC 6544 tcptype. */
class CandidateRfc8839Test {

  private static Candidate parse(String text) {
    SdpResult<Candidate> result = Candidate.parse(text);
    return result
        .ok()
        .orElseThrow(() -> new AssertionError(result.failure().orElseThrow().message()));
  }

  @Test
  void relayWithRelatedAddressAndPort() {
    Candidate c =
        parse(
            "candidate:2 1 UDP 92216831 216.39.253.10 49574 typ relay raddr 203.0.113.7 rport 3478");
    assertEquals("2", c.foundation());
    assertEquals("relay", c.type());
    assertEquals("203.0.113.7", c.relatedAddress());
    assertEquals(3478, c.relatedPort());
    assertEquals(List.of(), c.extensions());
  }

  @Test
  void trickledChromeCandidateKeepsExtensionsInOrder() {
    String text =
        "candidate:842163049 1 udp 1677729535 203.0.113.9 62793 typ srflx raddr 0.0.0.0 rport 0"
            + " generation 0 ufrag gydc network-cost 999";
    Candidate c = parse(text);
    assertEquals("0.0.0.0", c.relatedAddress());
    assertEquals(0, c.relatedPort());
    assertEquals(
        List.of(
            new Candidate.Extension("generation", "0"),
            new Candidate.Extension("ufrag", "gydc"),
            new Candidate.Extension("network-cost", "999")),
        c.extensions());
    assertEquals(OptionalInt.of(0), c.generation());
    assertEquals(text, c.toCandidateString());
    assertEquals("a=" + text, c.toLine());
  }

  @Test
  void prefixesAreOptionalForTrickle() {
    Candidate bare = parse("1 1 udp 2130706431 192.0.2.1 5000 typ host");
    assertEquals(bare, parse("candidate:1 1 udp 2130706431 192.0.2.1 5000 typ host"));
    assertEquals(bare, parse("a=candidate:1 1 udp 2130706431 192.0.2.1 5000 typ host"));
  }

  @Test
  void mdnsHostnameAndTcpPassive() {
    Candidate c =
        parse(
            "candidate:3 1 TCP 2105524479 65f3253a-de86-44d6-aaa7-5f63d65e1029.local 9 typ host tcptype passive");
    assertEquals("65f3253a-de86-44d6-aaa7-5f63d65e1029.local", c.address());
    assertTrue(c.isTcp());
    assertEquals("passive", c.tcpType().orElseThrow());
    assertNull(c.relatedAddress());
  }

  @Test
  void rportWithoutRaddrAndRaddrAfterAnExtensionIsAnExtension() {
    Candidate c =
        parse("candidate:1 1 udp 1 192.0.2.1 5000 typ srflx rport 9 generation 0 raddr 10.0.0.1");
    assertNull(c.relatedAddress());
    assertEquals(9, c.relatedPort());
    assertEquals("10.0.0.1", c.extension("raddr").orElseThrow());
    assertEquals(
        "1 1 udp 1 192.0.2.1 5000 typ srflx rport 9 generation 0 raddr 10.0.0.1",
        c.attributeValue());
  }

  @Test
  void serverCandidatesForTheAnswer() {
    assertEquals(
        "a=candidate:1 1 udp 2130706431 198.51.100.5 10000 typ host",
        Candidate.host("1", "udp", 2130706431L, "198.51.100.5", 10000).toLine());
    assertEquals(
        "a=candidate:2 1 tcp 1518280447 198.51.100.5 4443 typ host tcptype passive",
        Candidate.passiveTcpHost("2", 1518280447L, "198.51.100.5", 4443).toLine());
    assertFalse(Candidate.host("1", "udp", 1, "198.51.100.5", 1).tcpType().isPresent());
  }

  @Test
  void maximumPriorityHasTenDigits() {
    assertEquals(9_999_999_999L, parse("1 1 udp 9999999999 192.0.2.1 1 typ host").priority());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "candidate:",
        "candidate:1 1 udp 2130706431 192.0.2.1 5000",
        "candidate:1 1 udp 2130706431 192.0.2.1 5000 type host",
        "candidate:1 1 udp 2130706431 192.0.2.1 5000 typ",
        "candidate:1 1 udp x 192.0.2.1 5000 typ host",
        "candidate:1 1 udp 99999999999 192.0.2.1 5000 typ host",
        "candidate:1 1 udp 1 192.0.2.1 65536 typ host",
        "candidate:1 1 udp 1 192.0.2.1 -1 typ host",
        "candidate:1 0 udp 1 192.0.2.1 5000 typ host",
        "candidate:1 1000 udp 1 192.0.2.1 5000 typ host",
        "candidate:1 1 udp 1 192.0.2.1 5000 typ host generation",
        "candidate:1 1 udp 1 192.0.2.1 5000 typ srflx raddr",
        "candidate:1 1 udp 1 192.0.2.1 5000 typ srflx raddr 10.0.0.1 rport x",
        "candidate:1 1 udp 1 192.0.2.1 5000 typ srflx raddr 10.0.0.1 rport 70000",
        "candidate:f@undation 1 udp 1 192.0.2.1 5000 typ host",
        "candidate:123456789012345678901234567890123 1 udp 1 192.0.2.1 5000 typ host"
      })
  void malformedCandidatesAreRejectedNotThrown(String text) {
    SdpResult<Candidate> result = Candidate.parse(text);
    assertFalse(result.isOk(), text);
    assertEquals(1, result.failure().orElseThrow().lineNumber());
    assertFalse(result.failure().orElseThrow().reason().isEmpty());
  }

  @Test
  void nullIsRejectedNotThrown() {
    assertFalse(Candidate.parse(null).isOk());
  }
}
