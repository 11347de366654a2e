package dev.chorus.signaling.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Firefox offers from public test suites (see resources/sdp/SOURCES.md). Firefox puts the DTLS
 * fingerprint and a direction at session level, writes extmap directions, channel counts of 1 and
 * {@code a=msid:- {track}}, and ends its candidate list with a=end-of-candidates.
 */
class FirefoxOfferTest {

  @Test
  void firefox121AudioVideo() {
    SessionDescription sdp = Fixtures.parse("firefox-121-audio-video-offer.sdp");
    assertEquals("mozilla...THIS_IS_SDPARTA-99.0", sdp.origin().username());
    assertEquals(new MsidSemantic("WMS", List.of("*"), false), sdp.msidSemantic().orElseThrow());
    assertEquals(List.of("trickle"), sdp.iceOptions());
    assertEquals(List.of("0", "1"), sdp.bundleMids());

    MediaDescription audio = sdp.media("0").orElseThrow();
    MediaDescription video = sdp.media("1").orElseThrow();
    // session-level fingerprint applies to sections that have none of their own
    Fingerprint fp =
        new Fingerprint(
            "sha-256",
            "75:4F:CA:8F:4F:E4:CE:5E:67:42:D3:DA:0E:E1:87:2A:E5:E3:02:76:30:FC:AB:F0:B4:7E:24:71:18:38:9C:6E");
    assertEquals(List.of(), audio.fingerprints());
    assertEquals(List.of(fp), sdp.fingerprints(audio));
    assertEquals(List.of(fp), sdp.fingerprints());
    assertEquals(
        new IceCredentials("6c0579ea", "59efe498b762e472067fa5e134df8722"),
        sdp.iceCredentials().orElseThrow());

    assertEquals(
        new ExtMap(2, Direction.RECVONLY, "urn:ietf:params:rtp-hdrext:csrc-audio-level", null),
        audio.extensions().get(1));
    assertEquals(OptionalInt.of(3), audio.extensionId("urn:ietf:params:rtp-hdrext:sdes:mid"));
    assertEquals(new RtpMap(9, "G722", 8000, 1), audio.attributes(RtpMap.class).get(1));
    assertEquals(new RtpMap(0, "PCMU", 8000, null), audio.attributes(RtpMap.class).get(2));
    assertEquals(Map.of("0-15", ""), audio.codec(101).orElseThrow().parameters());
    assertEquals(
        new Msid("-", "{ba72adfe-d5b5-42bd-bf15-e8fcdcbb2ee1}"), audio.msid().orElseThrow());
    assertEquals(
        "{b11da7a1-56f4-4fc1-a969-6d82236f494d}", audio.sources().get(0).cname().orElseThrow());

    // Firefox lists fmtp before rtpmap; the codec view merges them regardless of order
    assertEquals(
        List.of("VP8", "rtx", "VP9", "rtx", "H264", "rtx", "H264", "rtx"),
        video.codecs().stream().map(Codec::name).toList());
    assertEquals(OptionalInt.of(124), video.rtxPayloadType(120));
    assertEquals(OptionalInt.of(125), video.rtxPayloadType(121));
    assertEquals(OptionalInt.of(127), video.rtxPayloadType(126));
    assertEquals(OptionalInt.of(98), video.rtxPayloadType(97));
    assertEquals("60", video.codec(120).orElseThrow().parameters().get("max-fr"));
    assertEquals(5, video.codec(97).orElseThrow().feedback().size());
    assertEquals(
        new ExtMap(
            6,
            Direction.RECVONLY,
            "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay",
            null),
        video.extensions().get(3));
    assertEquals(OptionalLong.of(2513307155L), video.rtxSsrc(7463831L));
    assertEquals(List.of(7463831L), video.mediaSsrcs());
    assertTrue(video.rtcpReducedSize());
  }

  @Test
  void firefox58CandidatesWithRelatedAddressAndRtcpComponent() {
    SessionDescription sdp = Fixtures.parse("firefox-58-audio-offer.sdp");
    MediaDescription audio = sdp.media("sdparta_0").orElseThrow();
    assertEquals(Direction.SENDRECV, audio.direction().orElseThrow());
    assertEquals(Direction.SENDRECV, sdp.sessionAttribute(Direction.class).orElseThrow());
    assertTrue(audio.endOfCandidates());
    List<Candidate> candidates = audio.candidates();
    assertEquals(10, candidates.size());
    assertEquals(5, candidates.stream().filter(c -> c.component() == 2).count());
    Candidate ipv6 = candidates.get(1);
    assertEquals("2a02:a03f:3eb0:e000:b0aa:d60a:cff2:933c", ipv6.address());
    assertEquals("UDP", ipv6.transport());
    assertTrue(ipv6.isUdp());
    Candidate tcp = candidates.get(2);
    assertEquals("TCP", tcp.transport());
    assertEquals("active", tcp.tcpType().orElseThrow());
    Candidate srflx = candidates.get(8);
    assertEquals("srflx", srflx.type());
    assertEquals("1.2.3.4", srflx.address());
    assertEquals(37264, srflx.port());
    assertEquals("192.168.99.58", srflx.relatedAddress());
    assertEquals(37264, srflx.relatedPort());
    assertEquals(List.of(), srflx.extensions());
    assertEquals(OptionalInt.empty(), srflx.generation());

    assertEquals(
        new ExtMap(1, Direction.SENDONLY, "urn:ietf:params:rtp-hdrext:ssrc-audio-level", null),
        audio.extensions().get(0));
    assertEquals("38612 IN IP4 192.168.99.58", audio.other("rtcp").get(0).value());
    assertEquals(
        List.of("trickle"), audio.attribute(Attribute.IceOptions.class).orElseThrow().options());
    assertEquals(
        new IceCredentials("403a81e1", "f9b83487285016f7492197a5790ceee5"),
        sdp.iceCredentials(audio).orElseThrow());
    assertEquals(Setup.ACTPASS, sdp.setup(audio).orElseThrow());
  }

  @Test
  void firefox63DataChannel() {
    SessionDescription sdp = Fixtures.parse("firefox-63-datachannel-offer.sdp");
    MediaDescription data = sdp.media().get(0);
    assertEquals(List.of("webrtc-datachannel"), data.formats());
    assertEquals(45791, data.port());
    assertEquals(OptionalInt.of(5000), data.sctpPort());
    assertEquals(OptionalLong.of(1073741823L), data.maxMessageSize());
    assertEquals(4, data.candidates().size());
    assertTrue(data.endOfCandidates());
    assertEquals(
        "39:4A:09:1E:0E:33:32:85:51:03:49:95:54:0B:41:09:A2:10:60:CC:39:8F:C0:C4:45:FC:37:3A:55:EA:11:74",
        sdp.fingerprints().get(0).value());
    assertEquals(Setup.ACTPASS, sdp.setup().orElseThrow());
    assertEquals("9889e0c4", sdp.iceCredentials().orElseThrow().ufrag());
  }
}
