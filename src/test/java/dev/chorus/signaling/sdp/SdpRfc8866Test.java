package dev.chorus.signaling.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The example session description of RFC 8866 §5, and RFC 9143 BUNDLE lookups. */
class SdpRfc8866Test {
  static final String EXAMPLE =
      String.join(
          "\r\n",
          "v=0",
          "o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1",
          "s=Call to John Smith",
          "i=SDP Offer #1",
          "u=http://www.jdoe.example.com/home.html",
          "e=Jane Doe <jane@jdoe.example.com>",
          "p=+1 617 555-6011",
          "c=IN IP4 198.51.100.1",
          "t=0 0",
          "m=audio 49170 RTP/AVP 0",
          "m=audio 49180 RTP/AVP 0",
          "m=video 51372 RTP/AVP 99",
          "c=IN IP6 2001:db8::2",
          "a=rtpmap:99 h263-1998/90000",
          "");

  @Test
  void parsesTheRfcExample() {
    SessionDescription sdp = SdpParser.parse(EXAMPLE).ok().orElseThrow();
    assertEquals(
        new Origin("jdoe", "3724394400", 3724394405L, "IN", "IP4", "198.51.100.1"), sdp.origin());
    assertEquals("Call to John Smith", sdp.sessionName());
    assertEquals(new Field('i', "SDP Offer #1"), sdp.lines().get(0));
    assertEquals(new Field('e', "Jane Doe <jane@jdoe.example.com>"), sdp.lines().get(2));
    assertEquals(Connection.ip4("198.51.100.1"), sdp.lines().get(4));
    assertEquals(Timing.UNBOUNDED, sdp.lines().get(5));
    assertEquals(3, sdp.media().size());
    MediaDescription first = sdp.media().get(0);
    assertEquals("RTP/AVP", first.protocol());
    assertEquals(List.of(), first.lines());
    // no rtpmap: PT 0 is the RFC 3551 static PCMU
    assertEquals("PCMU", first.codec(0).orElseThrow().name());
    assertEquals(8000, first.codec(0).orElseThrow().clockRate());
    MediaDescription video = sdp.media().get(2);
    assertEquals(Connection.ip6("2001:db8::2"), video.connection().orElseThrow());
    assertEquals("h263-1998", video.codec(99).orElseThrow().name());
    assertEquals(Direction.SENDRECV, sdp.direction(video));
    assertEquals(EXAMPLE, sdp.toSdp());
  }

  @Test
  void bundleTagCarriesTheTransportOfEveryBundledSection() {
    String text =
        String.join(
            "\r\n",
            "v=0",
            "o=- 1 1 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE b a",
            "a=ice-ufrag:sess",
            "a=ice-pwd:sessionsessionsession12",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",
            "a=mid:a",
            "a=ice-ufrag:aaaa",
            "m=video 9 UDP/TLS/RTP/SAVPF 96",
            "a=mid:b",
            "a=ice-ufrag:bbbb",
            "a=ice-pwd:bbbbbbbbbbbbbbbbbbbbbb",
            "m=video 9 UDP/TLS/RTP/SAVPF 96",
            "a=mid:c",
            "");
    SessionDescription sdp = SdpParser.parse(text).ok().orElseThrow();
    MediaDescription a = sdp.media("a").orElseThrow();
    MediaDescription b = sdp.media("b").orElseThrow();
    MediaDescription c = sdp.media("c").orElseThrow();
    assertEquals(b, sdp.transportOf(a));
    assertEquals(c, sdp.transportOf(c));
    assertEquals(
        new IceCredentials("bbbb", "bbbbbbbbbbbbbbbbbbbbbb"), sdp.iceCredentials().orElseThrow());
    // each credential falls back to session level on its own (RFC 8839 §5.4)
    assertEquals(
        new IceCredentials("aaaa", "sessionsessionsession12"), sdp.iceCredentials(a).orElseThrow());
    assertEquals(
        new IceCredentials("sess", "sessionsessionsession12"), sdp.iceCredentials(c).orElseThrow());
    assertTrue(sdp.fingerprints().isEmpty());
    assertEquals(text, sdp.toSdp());
  }
}
