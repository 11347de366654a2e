package dev.chorus.signaling.media;

import dev.chorus.media.ice.IceCandidate;
import dev.chorus.media.sfu.echo.EchoForwarder;
import dev.chorus.media.sfu.transport.LocalParameters;
import dev.chorus.signaling.sdp.Candidate;
import dev.chorus.signaling.sdp.Codec;
import dev.chorus.signaling.sdp.Connection;
import dev.chorus.signaling.sdp.Direction;
import dev.chorus.signaling.sdp.Fingerprint;
import dev.chorus.signaling.sdp.IceCredentials;
import dev.chorus.signaling.sdp.MediaDescription;
import dev.chorus.signaling.sdp.MediaDescriptionBuilder;
import dev.chorus.signaling.sdp.Msid;
import dev.chorus.signaling.sdp.Origin;
import dev.chorus.signaling.sdp.RtpMap;
import dev.chorus.signaling.sdp.SessionDescription;
import dev.chorus.signaling.sdp.Setup;
import dev.chorus.signaling.sdp.SsrcGroup;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The answer to a browser's offer for the connection test: every sendrecv audio/video section is
 * answered sendrecv with one codec (Opus, VP8 + RTX), and announces fresh SSRCs under which the
 * {@link EchoForwarder} sends the browser's own streams back. Data channels are rejected (no SCTP
 * in Chorus). Only {@code sdes:mid} is negotiated among header extensions, and no congestion
 * feedback (REMB, transport-cc) is offered, because the echo generates neither.
 */
final class EchoAnswer {
  static final String MID_URI = "urn:ietf:params:rtp-hdrext:sdes:mid";
  private static final String CNAME = "chorus-echo";
  private static final SecureRandom RANDOM = new SecureRandom();

  private EchoAnswer() {}

  /** The answer text, or empty with a reason if nothing in the offer can be echoed. */
  static Result answer(
      SessionDescription offer, LocalParameters local, EchoForwarder echo, boolean tcpOnly) {
    var transport = new ArrayList<Candidate>();
    for (var c : local.candidates()) {
      if (tcpOnly && c.transport() != IceCandidate.Transport.TCP) {
        continue;
      }
      Candidate.parse(c.toSdp()).ok().ifPresent(transport::add);
    }
    var credentials = new IceCredentials(local.iceUfrag(), local.icePassword());
    var fingerprint =
        Fingerprint.of(local.fingerprint().hashFunction(), local.fingerprint().value());
    var sections = new ArrayList<MediaDescription>();
    var bundle = new ArrayList<String>();
    int echoed = 0;
    for (var offered : offer.media()) {
      var mid = offered.mid().orElse(null);
      var codec = chooseCodec(offered);
      boolean usable =
          mid != null
              && offered.isRtp()
              && !offer.isRemoved(offered)
              && codec.isPresent()
              && offer.direction(offered) == Direction.SENDRECV
              && !offered.mediaSsrcs().isEmpty();
      if (!usable) {
        sections.add(MediaDescription.rejectedAnswer(offered));
        continue;
      }
      var b =
          MediaDescription.builder(offered.media(), 9, offered.protocol())
              .connection(Connection.IP4_ANY)
              .mid(mid)
              .iceCredentials(credentials)
              .fingerprint(fingerprint)
              .setup(Setup.PASSIVE);
      transport.forEach(b::candidate);
      b.endOfCandidates().direction(Direction.SENDRECV).rtcpMux().rtcpReducedSize();
      offered.extensionId(MID_URI).ifPresent(id -> b.extension(id, MID_URI));
      addCodec(b, offered, codec.get());
      addEchoStreams(b, offered, echo, mid);
      sections.add(b.build());
      bundle.add(mid);
      echoed++;
    }
    if (echoed == 0) {
      return new Result(
          Optional.empty(), "The offer has no sendrecv audio or video with an Opus or VP8 stream.");
    }
    var answer =
        SessionDescription.builder(Origin.of(Long.toString(RANDOM.nextLong() & Long.MAX_VALUE), 1))
            .bundle(bundle)
            .msidSemantic("WMS", List.of(CNAME));
    sections.forEach(answer::media);
    return new Result(Optional.of(answer.build().toSdp()), null);
  }

  /** The answer, or why there is none. */
  record Result(Optional<String> sdp, String problem) {}

  private static Optional<Codec> chooseCodec(MediaDescription m) {
    var wanted = m.media().equals("audio") ? "opus" : "vp8";
    return m.codecs().stream()
        .filter(c -> c.name().toLowerCase(Locale.ROOT).equals(wanted))
        .findFirst();
  }

  private static void addCodec(MediaDescriptionBuilder b, MediaDescription offered, Codec codec) {
    var feedback =
        codec.feedback().stream()
            .map(f -> f.parameter() == null ? f.type() : f.type() + " " + f.parameter())
            .filter(f -> f.equals("nack") || f.equals("nack pli") || f.equals("ccm fir"))
            .toList();
    var fmtp =
        codec.parameters().entrySet().stream()
            .map(e -> e.getValue() == null ? e.getKey() : e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(";"));
    var channels = codec.channels() > 1 ? Integer.valueOf(codec.channels()) : null;
    b.codec(
        new RtpMap(codec.payloadType(), codec.name(), codec.clockRate(), channels),
        fmtp,
        offered.media().equals("video") ? feedback : List.of());
    if (offered.media().equals("video")) {
      offered
          .rtxPayloadType(codec.payloadType())
          .ifPresent(rtx -> b.rtx(rtx, codec.payloadType(), codec.clockRate()));
    }
  }

  /**
   * Registers the offer's SSRCs with the echo and announces the fresh ones it will use. The browser
   * must not get its own SSRCs back on the same transport: they would collide with its sender's.
   */
  private static void addEchoStreams(
      MediaDescriptionBuilder b, MediaDescription offered, EchoForwarder echo, String mid) {
    var msid = new Msid(CNAME, "echo-" + mid);
    for (var ssrc : offered.mediaSsrcs()) {
      long echoSsrc = echo.addStream(ssrc);
      b.source(echoSsrc, CNAME, msid);
      var rtx = offered.rtxSsrc(ssrc);
      if (rtx.isPresent()) {
        long echoRtx = echo.addStream(rtx.getAsLong());
        b.source(echoRtx, CNAME, msid);
        b.ssrcGroup(new SsrcGroup("FID", List.of(echoSsrc, echoRtx)));
      }
    }
  }
}
