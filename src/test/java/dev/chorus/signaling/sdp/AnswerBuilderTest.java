package dev.chorus.signaling.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Descriptions the SFU writes with the builders: exact text, and they parse back equal. */
class AnswerBuilderTest {
  private static final IceCredentials LOCAL = new IceCredentials("sfu1", "abcdefghijklmnopqrstuv");
  private static final String MID_URI = "urn:ietf:params:rtp-hdrext:sdes:mid";
  private static final String RID_URI = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";

  private static Fingerprint fingerprint() {
    byte[] digest = new byte[32];
    Arrays.fill(digest, (byte) 0xAB);
    digest[0] = 0x01;
    return Fingerprint.of("sha-256", digest);
  }

  private static MediaDescriptionBuilder transport(String media, String mid, String protocol) {
    return MediaDescription.builder(media, 9, protocol)
        .connection(Connection.IP4_ANY)
        .mid(mid)
        .iceCredentials(LOCAL)
        .fingerprint(fingerprint())
        .setup(Setup.PASSIVE)
        .candidate(Candidate.host("1", "udp", 2130706431L, "192.0.2.10", 10000))
        .candidate(Candidate.passiveTcpHost("2", 1518280447L, "192.0.2.10", 4443))
        .endOfCandidates();
  }

  /** Answer to the captured Chromium audio+video+datachannel offer, receiving what it sends. */
  private static SessionDescription answerTo(SessionDescription offer) {
    MediaDescription audio = offer.media("0").orElseThrow();
    MediaDescription video = offer.media("1").orElseThrow();
    return SessionDescription.builder(Origin.of("7140263218473821471", 2))
        .bundle(offer.bundleMids())
        .iceLite()
        .msidSemantic("WMS", List.of())
        .media(
            transport("audio", "0", MediaDescription.RTP_PROTOCOL)
                .direction(Direction.RECVONLY)
                .rtcpMux()
                .extension(audio.extensionId(MID_URI).orElseThrow(), MID_URI)
                .codec(
                    new RtpMap(111, "opus", 48000, 2),
                    "minptime=10;useinbandfec=1",
                    List.of("transport-cc"))
                .build())
        .media(
            transport("video", "1", MediaDescription.RTP_PROTOCOL)
                .direction(Direction.RECVONLY)
                .rtcpMux()
                .rtcpReducedSize()
                .extension(video.extensionId(MID_URI).orElseThrow(), MID_URI)
                .codec(
                    new RtpMap(96, "VP8", 90000, null),
                    "",
                    List.of("nack", "nack pli", "ccm fir", "transport-cc"))
                .rtx(video.rtxPayloadType(96).orElseThrow(), 96, 90000)
                .build())
        .media(
            transport("application", "2", MediaDescription.SCTP_PROTOCOL)
                .format(MediaDescription.DATACHANNEL_FORMAT)
                .sctpPort(5000)
                .maxMessageSize(262144)
                .build())
        .build();
  }

  @Test
  void answerTextIsExact() {
    SessionDescription answer =
        answerTo(Fixtures.parse("chromium-156-audio-video-datachannel-offer.sdp"));
    String fp = "01" + ":AB".repeat(31);
    String transport =
        "c=IN IP4 0.0.0.0\r\n"
            + "a=ice-ufrag:sfu1\r\n"
            + "a=ice-pwd:abcdefghijklmnopqrstuv\r\n"
            + "a=fingerprint:sha-256 "
            + fp
            + "\r\n"
            + "a=setup:passive\r\n"
            + "a=candidate:1 1 udp 2130706431 192.0.2.10 10000 typ host\r\n"
            + "a=candidate:2 1 tcp 1518280447 192.0.2.10 4443 typ host tcptype passive\r\n"
            + "a=end-of-candidates\r\n";
    String expected =
        "v=0\r\n"
            + "o=- 7140263218473821471 2 IN IP4 127.0.0.1\r\n"
            + "s=-\r\n"
            + "t=0 0\r\n"
            + "a=group:BUNDLE 0 1 2\r\n"
            + "a=ice-lite\r\n"
            + "a=msid-semantic:WMS\r\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
            + transport.replace("c=IN IP4 0.0.0.0\r\n", "c=IN IP4 0.0.0.0\r\na=mid:0\r\n")
            + "a=recvonly\r\n"
            + "a=rtcp-mux\r\n"
            + "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid\r\n"
            + "a=rtpmap:111 opus/48000/2\r\n"
            + "a=rtcp-fb:111 transport-cc\r\n"
            + "a=fmtp:111 minptime=10;useinbandfec=1\r\n"
            + "m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\n"
            + transport.replace("c=IN IP4 0.0.0.0\r\n", "c=IN IP4 0.0.0.0\r\na=mid:1\r\n")
            + "a=recvonly\r\n"
            + "a=rtcp-mux\r\n"
            + "a=rtcp-rsize\r\n"
            + "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid\r\n"
            + "a=rtpmap:96 VP8/90000\r\n"
            + "a=rtcp-fb:96 nack\r\n"
            + "a=rtcp-fb:96 nack pli\r\n"
            + "a=rtcp-fb:96 ccm fir\r\n"
            + "a=rtcp-fb:96 transport-cc\r\n"
            + "a=rtpmap:97 rtx/90000\r\n"
            + "a=fmtp:97 apt=96\r\n"
            + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n"
            + transport.replace("c=IN IP4 0.0.0.0\r\n", "c=IN IP4 0.0.0.0\r\na=mid:2\r\n")
            + "a=sctp-port:5000\r\n"
            + "a=max-message-size:262144\r\n";
    assertEquals(expected, answer.toSdp());
  }

  @Test
  void answerParsesBackEqualAndAnswersTheQueries() {
    SessionDescription answer =
        answerTo(Fixtures.parse("chromium-156-audio-video-datachannel-offer.sdp"));
    SessionDescription reparsed = SdpParser.parse(answer.toSdp()).ok().orElseThrow();
    assertEquals(answer, reparsed);
    assertTrue(reparsed.iceLite());
    assertEquals(LOCAL, reparsed.iceCredentials().orElseThrow());
    assertEquals(Setup.PASSIVE, reparsed.setup().orElseThrow());
    assertEquals(List.of(fingerprint()), reparsed.fingerprints());
    MediaDescription video = reparsed.media("1").orElseThrow();
    assertEquals(OptionalInt.of(97), video.rtxPayloadType(96));
    assertEquals(List.of("VP8", "rtx"), video.codecs().stream().map(Codec::name).toList());
    assertEquals(OptionalInt.of(5000), reparsed.media("2").orElseThrow().sctpPort());
  }

  @Test
  void simulcastAnswerAndConsumerOffer() {
    SessionDescription offer = Fixtures.parse("chromium-156-simulcast-offer.sdp");
    MediaDescription video = offer.media("1").orElseThrow();
    MediaDescriptionBuilder answerVideo =
        transport("video", "1", MediaDescription.RTP_PROTOCOL).direction(Direction.RECVONLY);
    answerVideo.extension(video.extensionId(RID_URI).orElseThrow(), RID_URI);
    for (Rid rid : video.rids()) {
      answerVideo.rid(new Rid(rid.id(), Rid.Direction.RECV, null));
    }
    answerVideo.simulcast(Simulcast.recv(video.simulcast().orElseThrow().sendRids()));
    answerVideo.codec(new RtpMap(96, "VP8", 90000, null), "", List.of());
    MediaDescription built = answerVideo.build();
    assertEquals(
        List.of("a=rid:q recv", "a=rid:h recv", "a=rid:f recv", "a=simulcast:recv q;h;f"),
        built.lines().stream()
            .map(SdpLine::toLine)
            .filter(l -> l.startsWith("a=rid") || l.startsWith("a=simulcast"))
            .toList());

    // what the SFU offers a subscriber: one forwarded stream with its RTX pair
    MediaDescription consumer =
        transport("video", "3", MediaDescription.RTP_PROTOCOL)
            .direction(Direction.SENDONLY)
            .msid("stream-a", "track-v")
            .codec(new RtpMap(96, "VP8", 90000, null), "", List.of("nack", "nack pli"))
            .rtx(97, 96, 90000)
            .ssrcGroup(SsrcGroup.fid(1111L, 2222L))
            .source(1111L, "chorus", new Msid("stream-a", "track-v"))
            .source(2222L, "chorus", new Msid("stream-a", "track-v"))
            .build();
    assertEquals(OptionalLong.of(2222L), consumer.rtxSsrc(1111L));
    assertEquals(List.of(1111L), consumer.mediaSsrcs());
    assertEquals("a=ssrc:1111 msid:stream-a track-v", consumer.ssrcAttributes().get(1).toLine());
  }

  @Test
  void builderRejectsProgrammingErrors() {
    assertThrows(
        IllegalArgumentException.class,
        () -> MediaDescription.builder("audio", 9, MediaDescription.RTP_PROTOCOL).build());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            MediaDescription.builder("audio", 9, MediaDescription.RTP_PROTOCOL)
                .format("opus")
                .build());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            MediaDescription.builder("audio", 9, MediaDescription.RTP_PROTOCOL)
                .format("111")
                .line(Timing.UNBOUNDED)
                .build());
    assertThrows(IllegalArgumentException.class, () -> new Attribute.Mid("has space"));
    assertThrows(IllegalArgumentException.class, () -> new Attribute.Other("x", "a\r\nb"));
    assertThrows(IllegalArgumentException.class, () -> new IceCredentials("abc", "x".repeat(22)));
  }
}
