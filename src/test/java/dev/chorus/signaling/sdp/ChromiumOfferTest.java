package dev.chorus.signaling.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Concrete fields of offers captured from Chromium 156 (see resources/sdp/SOURCES.md). */
class ChromiumOfferTest {
  private static final String FINGERPRINT =
      "97:09:99:44:5F:9C:10:85:02:34:24:A2:E0:84:91:5A:02:94:2C:9E:57:E0:44:F1:1D:0D:9C:DE:4B:D6:E0:A7";
  private static final String STREAM = "8dd5709f-5563-4173-9776-ff19aaf6179c";

  private final SessionDescription av =
      Fixtures.parse("chromium-156-audio-video-datachannel-offer.sdp");

  @Test
  void sessionLevel() {
    assertEquals(new Origin("-", "4542827165677562589", 2, "IN", "IP4", "127.0.0.1"), av.origin());
    assertEquals("-", av.sessionName());
    assertEquals(List.of("0", "1", "2"), av.bundleMids());
    assertEquals(new MsidSemantic("WMS", List.of(STREAM), true), av.msidSemantic().orElseThrow());
    assertTrue(av.hasSessionProperty("extmap-allow-mixed"));
    assertEquals(
        List.of("audio", "video", "application"),
        av.media().stream().map(MediaDescription::media).toList());
    assertEquals(
        List.of("0", "1", "2"), av.media().stream().map(m -> m.mid().orElseThrow()).toList());
  }

  @Test
  void bundleTransport() {
    assertEquals(
        new IceCredentials("gStE", "HCItNVzKhCpqyj4JXpIl90U9"), av.iceCredentials().orElseThrow());
    assertEquals(List.of(new Fingerprint("sha-256", FINGERPRINT)), av.fingerprints());
    assertEquals(Setup.ACTPASS, av.setup().orElseThrow());
    MediaDescription video = av.media("1").orElseThrow();
    assertEquals(av.media("0").orElseThrow(), av.transportOf(video));
    byte[] digest = av.fingerprints().get(0).digest();
    assertEquals(32, digest.length);
    assertEquals((byte) 0x97, digest[0]);
    assertEquals((byte) 0xA7, digest[31]);
    assertTrue(av.fingerprints().get(0).matches("SHA-256", digest));
  }

  @Test
  void audioSection() {
    MediaDescription audio = av.media("0").orElseThrow();
    assertEquals(34701, audio.port());
    assertEquals("UDP/TLS/RTP/SAVPF", audio.protocol());
    assertEquals(List.of("111", "63", "9", "0", "8", "13", "110", "126"), audio.formats());
    assertEquals(Connection.ip4("127.0.0.1"), audio.connection().orElseThrow());
    assertEquals(Direction.SENDRECV, audio.direction().orElseThrow());
    assertTrue(audio.rtcpMux());
    assertTrue(audio.rtcpReducedSize());
    assertFalse(audio.endOfCandidates());
    assertEquals(List.of(new Attribute.Other("rtcp", "9 IN IP4 0.0.0.0")), audio.other("rtcp"));
    assertEquals("rcvr-rtt=all", audio.other("rtcp-xr").get(0).value());

    Codec opus = audio.codec(111).orElseThrow();
    assertEquals("opus", opus.name());
    assertEquals(48000, opus.clockRate());
    assertEquals(2, opus.channels());
    assertEquals(Map.of("minptime", "10", "useinbandfec", "1"), opus.parameters());
    assertEquals(List.of(RtcpFeedback.of(111, "transport-cc")), opus.feedback());
    assertEquals(Map.of("111/111", ""), audio.codec(63).orElseThrow().parameters());
    assertEquals("red", audio.codec(63).orElseThrow().name());
    assertEquals(1, audio.codec(9).orElseThrow().channels());
    assertEquals(48000, audio.codec(110).orElseThrow().clockRate());
    assertEquals(8, audio.codecs().size());

    assertEquals(
        OptionalInt.of(1), audio.extensionId("urn:ietf:params:rtp-hdrext:ssrc-audio-level"));
    assertEquals(OptionalInt.of(4), audio.extensionId("urn:ietf:params:rtp-hdrext:sdes:mid"));
    assertEquals(OptionalInt.empty(), audio.extensionId("urn:3gpp:video-orientation"));

    assertEquals(
        new Msid(STREAM, "9fd6849a-5c94-429b-8b63-ef354ef05add"), audio.msid().orElseThrow());
    assertEquals(
        List.of(
            new Source(
                3969108070L,
                java.util.Optional.of("HAa1gLyA5m/BPJvc"),
                java.util.Optional.of(STREAM + " 9fd6849a-5c94-429b-8b63-ef354ef05add"))),
        audio.sources());
  }

  @Test
  void candidates() {
    List<Candidate> candidates = av.media("0").orElseThrow().candidates();
    assertEquals(8, candidates.size());
    Candidate first = candidates.get(0);
    assertEquals("4214521746", first.foundation());
    assertEquals(1, first.component());
    assertTrue(first.isUdp());
    assertEquals(2122194687L, first.priority());
    assertEquals("127.0.0.1", first.address());
    assertEquals(34701, first.port());
    assertEquals("host", first.type());
    assertEquals(OptionalInt.of(0), first.generation());
    assertEquals("3", first.extension("network-id").orElseThrow());
    assertEquals("50", first.extension("network-cost").orElseThrow());
    assertEquals("::1", candidates.get(2).address());
    Candidate tcp = candidates.get(4);
    assertTrue(tcp.isTcp());
    assertEquals(9, tcp.port());
    assertEquals("active", tcp.tcpType().orElseThrow());
    assertEquals(null, tcp.relatedAddress());
  }

  @Test
  void videoCodecsAndRtx() {
    MediaDescription video = av.media("1").orElseThrow();
    assertEquals(23, video.formats().size());
    Codec vp8 = video.codec(96).orElseThrow();
    assertEquals("VP8", vp8.name());
    assertEquals(90000, vp8.clockRate());
    assertEquals(
        List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"),
        vp8.feedback().stream().map(RtcpFeedback::kind).toList());
    assertTrue(vp8.hasFeedback("nack", "pli"));
    assertTrue(vp8.hasFeedback("nack", null));
    assertEquals(OptionalInt.of(97), video.rtxPayloadType(96));
    assertEquals(OptionalInt.of(96), video.codec(97).orElseThrow().associatedPayloadType());
    assertTrue(video.codec(97).orElseThrow().isRtx());

    Codec h264 = video.codec(102).orElseThrow();
    assertEquals("H264", h264.name());
    assertEquals("1", h264.parameters().get("packetization-mode"));
    assertEquals("42001f", h264.parameters().get("profile-level-id"));
    assertEquals(OptionalInt.of(103), video.rtxPayloadType(102));
    assertEquals(OptionalInt.of(46), video.rtxPayloadType(45));
    assertEquals("AV1", video.codec(45).orElseThrow().name());
    assertEquals("0", video.codec(98).orElseThrow().parameters().get("profile-id"));
    assertEquals(OptionalInt.of(119), video.rtxPayloadType(118));
    assertEquals(OptionalInt.empty(), video.rtxPayloadType(120));

    assertEquals(OptionalInt.of(14), video.extensionId("urn:ietf:params:rtp-hdrext:toffset"));
    assertEquals(
        OptionalInt.of(10), video.extensionId("urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id"));
    assertEquals(
        OptionalInt.of(11),
        video.extensionId("urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id"));
  }

  @Test
  void videoSsrcsPairRtxByFid() {
    MediaDescription video = av.media("1").orElseThrow();
    assertEquals(List.of(SsrcGroup.fid(361878873L, 1517846958L)), video.ssrcGroups());
    assertEquals(OptionalLong.of(1517846958L), video.rtxSsrc(361878873L));
    assertEquals(OptionalLong.empty(), video.rtxSsrc(1517846958L));
    assertEquals(List.of(361878873L), video.mediaSsrcs());
    assertEquals(2, video.sources().size());
    assertEquals("HAa1gLyA5m/BPJvc", video.sources().get(1).cname().orElseThrow());
  }

  @Test
  void dataChannelSection() {
    MediaDescription data = av.media("2").orElseThrow();
    assertEquals("application", data.media());
    assertEquals(57869, data.port());
    assertEquals("UDP/DTLS/SCTP", data.protocol());
    assertEquals(List.of("webrtc-datachannel"), data.formats());
    assertEquals(OptionalInt.of(5000), data.sctpPort());
    assertEquals(OptionalLong.of(262144), data.maxMessageSize());
    assertEquals(List.of(), data.codecs());
    assertFalse(data.isRtp());
  }

  @Test
  void simulcastOfferHasRidsAndNoSsrcs() {
    SessionDescription sdp = Fixtures.parse("chromium-156-simulcast-offer.sdp");
    assertEquals(List.of("0", "1"), sdp.bundleMids());
    MediaDescription video = sdp.media("1").orElseThrow();
    assertEquals(Direction.SENDONLY, video.direction().orElseThrow());
    assertEquals(
        List.of(
            new Rid("q", Rid.Direction.SEND, null),
            new Rid("h", Rid.Direction.SEND, null),
            new Rid("f", Rid.Direction.SEND, null)),
        video.rids());
    assertEquals(List.of("q", "h", "f"), video.simulcast().orElseThrow().sendRids());
    assertEquals(List.of(), video.simulcast().orElseThrow().recvRids());
    assertEquals(List.of(), video.sources());
    assertEquals(
        OptionalInt.of(12),
        video.extensionId(
            "https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension"));
    assertEquals(
        new IceCredentials("Afef", "/GXGIR+WLOw3omqEmuyLguyP"), sdp.iceCredentials().orElseThrow());
  }

  @Test
  void recvonlyOffer() {
    SessionDescription sdp = Fixtures.parse("chromium-156-recvonly-offer.sdp");
    assertEquals(new MsidSemantic("WMS", List.of(), true), sdp.msidSemantic().orElseThrow());
    assertEquals(3, sdp.media().size());
    for (MediaDescription m : sdp.media()) {
      assertEquals(Direction.RECVONLY, sdp.direction(m));
      assertTrue(m.msid().isEmpty());
      assertTrue(m.sources().isEmpty());
    }
    MediaDescription video = sdp.media("2").orElseThrow();
    assertEquals(40747, video.port());
    assertEquals(34, video.formats().size());
    assertEquals("flexfec-03", video.codec(49).orElseThrow().name());
    assertEquals("10000000", video.codec(49).orElseThrow().parameters().get("repair-window"));
    assertEquals("1", video.codec(35).orElseThrow().parameters().get("profile-id"));
    assertEquals(OptionalInt.of(48), video.rtxPayloadType(47));
  }

  @Test
  void dataChannelOnlyOffer() {
    SessionDescription sdp = Fixtures.parse("chromium-156-datachannel-offer.sdp");
    assertEquals(List.of("0"), sdp.bundleMids());
    MediaDescription data = sdp.media().get(0);
    assertEquals(OptionalInt.of(5000), data.sctpPort());
    assertEquals(
        new IceCredentials("CszJ", "ZTP01uX4/nxcHA0qXX4vpF2r"), sdp.iceCredentials().orElseThrow());
    assertEquals(8, data.candidates().size());
    assertEquals("fd00::2", data.candidates().get(3).address());
    assertEquals(39946, data.candidates().get(3).port());
  }
}
