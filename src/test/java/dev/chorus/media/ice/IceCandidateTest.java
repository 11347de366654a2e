package dev.chorus.media.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SDP form of candidates (RFC 8839 section 5.1, RFC 6544 section 4.5). */
class IceCandidateTest {
  @Test
  void parsesChromeUdpCandidateWithExtensions() {
    var c =
        IceCandidate.parse(
                "candidate:842163049 1 udp 1677729535 198.51.100.7 58512 typ srflx raddr 10.0.0.5"
                    + " rport 58512 generation 0 ufrag EsAw network-cost 999")
            .orElseThrow();

    assertEquals("842163049", c.foundation());
    assertEquals(1, c.component());
    assertEquals(IceCandidate.Transport.UDP, c.transport());
    assertEquals(1677729535L, c.priority());
    assertEquals("198.51.100.7", c.address());
    assertEquals(58512, c.port());
    assertEquals(IceCandidate.Type.SRFLX, c.type());
    assertEquals(Optional.empty(), c.tcpType());
  }

  @Test
  void parsesTcpAndMdnsAndSdpLinePrefix() {
    var tcp =
        IceCandidate.parse("a=candidate:1 1 TCP 1518280447 192.0.2.4 9 typ host tcptype active")
            .orElseThrow();
    assertEquals(IceCandidate.Transport.TCP, tcp.transport());
    assertEquals(Optional.of(IceCandidate.TcpType.ACTIVE), tcp.tcpType());
    assertEquals(9, tcp.port());

    var mdns =
        IceCandidate.parse(
                "candidate:3 1 udp 2122260223 0c1a5b6e-2c7a-4c2f-9a37-2f7d6e1b0f11.local 54321"
                    + " typ host generation 0")
            .orElseThrow();
    assertEquals("0c1a5b6e-2c7a-4c2f-9a37-2f7d6e1b0f11.local", mdns.address());

    var v6 = IceCandidate.parse("candidate:4 1 udp 2122262783 2001:db8::1 50000 typ host");
    assertEquals("2001:db8::1", v6.orElseThrow().address());
  }

  @Test
  void formatsWhatItParses() {
    var text = "candidate:1 1 tcp 1518280447 192.0.2.1 4443 typ host tcptype passive";
    assertEquals(text, IceCandidate.parse(text).orElseThrow().toSdp());
    var udp = "candidate:a+b/C 1 udp 2130706431 127.0.0.1 10000 typ host";
    assertEquals(udp, IceCandidate.parse(udp).orElseThrow().toSdp());
  }

  @Test
  void rejectsMalformedInputWithoutThrowing() {
    String[] bad = {
      null,
      "",
      "candidate:",
      "candidate:1 1 udp 2130706431 127.0.0.1 10000",
      "candidate:1 1 sctp 2130706431 127.0.0.1 10000 typ host",
      "candidate:1 1 udp 2130706431 127.0.0.1 10000 typ bogus",
      "candidate:1 1 udp 2130706431 127.0.0.1 70000 typ host",
      "candidate:1 1 udp 99999999999 127.0.0.1 10000 typ host",
      "candidate:1 1 udp -5 127.0.0.1 10000 typ host",
      "candidate:1 0 udp 1 127.0.0.1 10000 typ host",
      "candidate:1 1 udp 1 127.0.0.1 port typ host",
      "candidate:bad-foundation 1 udp 1 127.0.0.1 10000 typ host",
      "candidate:1 1 tcp 1 127.0.0.1 10000 typ host",
      "candidate:1 1 udp 1 127.0.0.1 10000 typ host tcptype passive",
      "candidate:1 1 tcp 1 127.0.0.1 10000 typ host tcptype sideways",
      "candidate:1 1 udp 1 127.0.0.1 10000 xyz host",
      "\u0000\u0001\u0002 garbage"
    };
    for (var text : bad) {
      assertEquals(Optional.empty(), IceCandidate.parse(text), String.valueOf(text));
    }
  }

  @Test
  void constructorEnforcesTheGrammar() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new IceCandidate(
                "1",
                1,
                IceCandidate.Transport.UDP,
                1L << 32,
                "127.0.0.1",
                1,
                IceCandidate.Type.HOST,
                Optional.empty()));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new IceCandidate(
                "1",
                1,
                IceCandidate.Transport.UDP,
                1,
                "127.0.0.1 typ relay",
                1,
                IceCandidate.Type.HOST,
                Optional.empty()));
  }

  @Test
  void ipLiteralsNeverResolveNames() {
    assertEquals("192.0.2.1", IpLiterals.parse("192.0.2.1").orElseThrow().getHostAddress());
    assertTrue(IpLiterals.parse("[2001:db8::1]").isPresent());
    assertEquals(Optional.empty(), IpLiterals.parse("localhost"));
    assertEquals(Optional.empty(), IpLiterals.parse("example.org"));
    assertEquals(Optional.empty(), IpLiterals.parse("256.1.1.1"));
    assertEquals(Optional.empty(), IpLiterals.parse("1.2.3"));
    assertEquals(Optional.empty(), IpLiterals.parse("fe80::1%eth0"));
    assertEquals(Optional.empty(), IpLiterals.parse("x.local"));
  }
}
