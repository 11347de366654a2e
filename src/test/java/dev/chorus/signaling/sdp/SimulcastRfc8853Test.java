package dev.chorus.signaling.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code a=simulcast} (RFC 8853 §5.1) and {@code a=rid} (RFC 8851 §10), using the offer/answer
 * example of RFC 8853: three send streams with alternatives, and one receive stream.
 */
class SimulcastRfc8853Test {
  static final String OFFER =
      String.join(
          "\r\n",
          "v=0",
          "o=- 1 1 IN IP4 192.0.2.1",
          "s=-",
          "t=0 0",
          "m=video 49300 RTP/AVP 97 98 99",
          "a=rtpmap:97 H264/90000",
          "a=rtpmap:98 H264/90000",
          "a=rtpmap:99 VP8/90000",
          "a=fmtp:97 profile-level-id=42c01f;max-fs=3600;max-mbps=108000",
          "a=fmtp:98 profile-level-id=42c00b;max-fs=240;max-mbps=3600",
          "a=fmtp:99 max-fs=240; max-fr=30",
          "a=rid:1 send pt=97;max-width=1280;max-height=720",
          "a=rid:2 send pt=98;max-width=320;max-height=180",
          "a=rid:3 send pt=99;max-width=320;max-height=180",
          "a=rid:4 recv pt=97",
          "a=simulcast:send 1;2,3 recv 4",
          "a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id",
          "");

  @Test
  void rfcOffer() {
    SessionDescription sdp = SdpParser.parse(OFFER).ok().orElseThrow();
    MediaDescription video = sdp.media().get(0);
    Simulcast simulcast = video.simulcast().orElseThrow();
    assertEquals(
        List.of(
            List.of(new Simulcast.Stream("1", false)),
            List.of(new Simulcast.Stream("2", false), new Simulcast.Stream("3", false))),
        simulcast.send());
    assertEquals(List.of(List.of(new Simulcast.Stream("4", false))), simulcast.recv());
    assertEquals(List.of("1", "2"), simulcast.sendRids());
    assertEquals(List.of("4"), simulcast.recvRids());

    Rid first = video.rids().get(0);
    assertEquals("1", first.id());
    assertEquals(Rid.Direction.SEND, first.direction());
    assertEquals(List.of(97), first.payloadTypes());
    assertEquals(
        Map.of("pt", "97", "max-width", "1280", "max-height", "720"), first.restrictionMap());
    assertEquals(Rid.Direction.RECV, video.rids().get(3).direction());
    // "max-fs=240; max-fr=30": the space after ';' is kept in the line, trimmed in the map
    assertEquals("30", video.codec(99).orElseThrow().parameters().get("max-fr"));
    assertEquals(OFFER, sdp.toSdp());
  }

  @Test
  void rfcAnswerListsRecvFirst() throws Malformed {
    Simulcast answer = (Simulcast) AttributeParser.parse("simulcast:recv 1;2 send 4");
    assertTrue(answer.recvFirst());
    assertEquals(List.of("1", "2"), answer.recvRids());
    assertEquals("a=simulcast:recv 1;2 send 4", answer.toLine());
    assertEquals(
        "a=rid:1 recv pt=97;max-width=1280;max-height=720",
        AttributeParser.parse("rid:1 recv pt=97;max-width=1280;max-height=720").toLine());
  }

  @Test
  void pausedStreamsAndFactories() throws Malformed {
    Simulcast paused = (Simulcast) AttributeParser.parse("simulcast:send ~q;h,~f");
    assertTrue(paused.send().get(0).get(0).paused());
    assertTrue(paused.send().get(1).get(1).paused());
    assertEquals("send ~q;h,~f", paused.attributeValue());
    assertEquals("a=simulcast:recv q;h;f", Simulcast.recv(List.of("q", "h", "f")).toLine());
    assertEquals(Simulcast.recv(List.of("q")), AttributeParser.parse("simulcast:recv q"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "simulcast:send",
        "simulcast:send q;;h",
        "simulcast:send q, h",
        "simulcast:both q",
        "simulcast:send q send h",
        "simulcast:send q recv",
        "simulcast:send q@",
        "rid:q",
        "rid:q both",
        "rid:q! send",
        "rid:q send pt=96 extra"
      })
  void malformedIsRejected(String attribute) {
    String sdp =
        "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=video 9 RTP/AVP 96\r\na=" + attribute;
    SdpResult<SessionDescription> result = SdpParser.parse(sdp);
    assertFalse(result.isOk(), attribute);
    assertEquals(6, result.failure().orElseThrow().lineNumber());
  }
}
