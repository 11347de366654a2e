package dev.chorus.signaling.media;

import dev.chorus.media.codec.H264Format;
import dev.chorus.media.sfu.MediaKind;
import dev.chorus.media.sfu.stream.HeaderExtensionIds;
import dev.chorus.media.sfu.stream.RtpCodec;
import dev.chorus.signaling.sdp.Codec;
import dev.chorus.signaling.sdp.Direction;
import dev.chorus.signaling.sdp.MediaDescription;
import dev.chorus.signaling.sdp.Msid;
import dev.chorus.signaling.sdp.Origin;
import dev.chorus.signaling.sdp.RtpMap;
import dev.chorus.signaling.sdp.SessionDescription;
import dev.chorus.signaling.sdp.SsrcGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The answer to a WHEP player's offer (RFC 9725 conventions; JSEP answer rules, RFC 8829 §5.3):
 * lines in offer order; a section that receives a kind the stream has is answered {@code sendonly}
 * in the player's own payload type for the stream's codec (the router rewrites payload types per
 * consumer), with its RTX type, its header extension ids for MID, audio level and abs-send-time,
 * the RTCP feedback it offered among NACK, PLI, FIR and REMB, and the consumer's SSRCs; a kind the
 * stream lacks is {@code inactive}; everything else is rejected. A kind the stream has but the
 * player cannot decode refuses the whole offer ({@code unsupported_codec}, naming both sides): RFC
 * 9725 leaves no room for a partial answer.
 */
final class PlayAnswer {
  private static final Set<String> FEEDBACK = Set.of("nack", "nack pli", "ccm fir", "goog-remb");

  private PlayAnswer() {}

  /** What becomes of one offered section. */
  sealed interface Line {
    MediaDescription offered();
  }

  /**
   * Sends the stream's track of {@code kind} in the player's {@code codec}.
   *
   * @param rtp the player's payload type (and RTX type) for the consumer
   */
  record Play(
      MediaDescription offered,
      String mid,
      MediaKind kind,
      Codec codec,
      RtpCodec rtp,
      HeaderExtensionIds ids)
      implements Line {}

  /** The stream has no track of this kind (now): inactive, kept in the BUNDLE group. */
  record Idle(MediaDescription offered, String mid, Codec codec) implements Line {}

  /** Port 0: not RTP, not receiving, or stopped. */
  record Rejected(MediaDescription offered) implements Line {}

  /** What the consumer of a {@link Play} line announces. */
  record Source(
      long ssrc, long rtxSsrc, String cname, String publisherFmtp, String streamId, String id) {}

  /**
   * Decides each section of the offer.
   *
   * @param published the stream's codec (mime type, e.g. {@code video/VP8}) per kind it has
   */
  static List<Line> plan(PlayOffer offer, Map<MediaKind, String> published) throws MediaRefused {
    var lines = new ArrayList<Line>();
    for (var m : offer.sdp().media()) {
      var receiving =
          offer.receiving().stream().filter(r -> r.section() == m).findFirst().orElse(null);
      if (receiving == null) {
        lines.add(new Rejected(m));
        continue;
      }
      var mime = published.get(receiving.kind());
      if (mime == null) {
        var any = m.codecs().stream().filter(c -> !c.isRtx()).findFirst();
        lines.add(any.<Line>map(c -> new Idle(m, receiving.mid(), c)).orElse(new Rejected(m)));
        continue;
      }
      var codec =
          match(m, mime)
              .orElseThrow(
                  () ->
                      new MediaRefused(
                          "unsupported_codec",
                          "The stream's "
                              + receiving.kind().name().toLowerCase(Locale.ROOT)
                              + " is "
                              + describe(mime)
                              + "; the offer (mid "
                              + receiving.mid()
                              + ") takes only "
                              + offered(m)
                              + "."));
      int rtx =
          receiving.kind() == MediaKind.VIDEO
              ? m.rtxPayloadType(codec.payloadType()).orElse(-1)
              : -1;
      var rtp = new RtpCodec(codec.payloadType(), mime, codec.clockRate(), rtx);
      var ids =
          new HeaderExtensionIds(
              id(m, RtpUris.MID),
              0,
              0,
              receiving.kind() == MediaKind.AUDIO ? id(m, RtpUris.AUDIO_LEVEL) : 0,
              id(m, RtpUris.ABS_SEND_TIME),
              0);
      lines.add(new Play(m, receiving.mid(), receiving.kind(), codec, rtp, ids));
    }
    return lines;
  }

  /**
   * The player's payload type for the stream's codec: Opus stereo at 48 kHz; VP8; H.264 in
   * packetization mode 1, a Constrained Baseline one first, else any.
   */
  static Optional<Codec> match(MediaDescription m, String mime) {
    var name = mime.substring(mime.indexOf('/') + 1).toLowerCase(Locale.ROOT);
    var candidates =
        m.codecs().stream().filter(c -> c.name().toLowerCase(Locale.ROOT).equals(name)).toList();
    return switch (name) {
      case "opus" -> candidates.stream().filter(c -> c.clockRate() == 48000).findFirst();
      case "h264" ->
          candidates.stream()
              .filter(c -> H264Format.isForwardable(c.parameters()))
              .findFirst()
              .or(
                  () ->
                      candidates.stream()
                          .filter(c -> "1".equals(c.parameters().get("packetization-mode")))
                          .findFirst());
      default -> candidates.stream().filter(c -> c.clockRate() == 90000).findFirst();
    };
  }

  /** The answer; {@code sources} has a consumer for every {@link Play} line, by mid. */
  static String answer(
      PlayOffer offer,
      List<Line> plan,
      Map<String, Source> sources,
      TransportLines transport,
      Origin origin) {
    var sections = new ArrayList<MediaDescription>();
    var bundle = new ArrayList<String>();
    for (var line : plan) {
      if (line instanceof Play p && sources.containsKey(p.mid())) {
        sections.add(play(p, sources.get(p.mid()), transport));
        bundle.add(p.mid());
      } else if (line instanceof Play p) {
        sections.add(idle(p.offered(), p.mid(), p.codec(), transport));
        bundle.add(p.mid());
      } else if (line instanceof Idle i) {
        sections.add(idle(i.offered(), i.mid(), i.codec(), transport));
        bundle.add(i.mid());
      } else {
        sections.add(MediaDescription.rejectedAnswer(line.offered()));
      }
    }
    var b = SessionDescription.builder(origin).iceLite().bundle(bundle);
    b.msidSemantic("WMS", List.of("*"));
    sections.forEach(b::media);
    return b.build().toSdp();
  }

  private static MediaDescription play(Play p, Source source, TransportLines transport) {
    var m = p.offered();
    var b = transport.addTo(MediaDescription.builder(m.media(), 9, m.protocol()).mid(p.mid()));
    var ids = p.ids();
    if (ids.mid() > 0) {
      b.extension(ids.mid(), RtpUris.MID);
    }
    if (ids.audioLevel() > 0) {
      b.extension(ids.audioLevel(), RtpUris.AUDIO_LEVEL);
    }
    if (ids.absSendTime() > 0) {
      b.extension(ids.absSendTime(), RtpUris.ABS_SEND_TIME);
    }
    b.direction(Direction.SENDONLY);
    var msid = new Msid(source.streamId(), source.id());
    b.line(msid);
    b.rtcpMux().rtcpReducedSize();
    var c = p.codec();
    var feedback =
        c.feedback().stream().map(f -> f.kind()).filter(FEEDBACK::contains).distinct().toList();
    var fmtp =
        p.kind() == MediaKind.AUDIO && source.publisherFmtp() != null
            ? source.publisherFmtp()
            : PublishAnswer.fmtp(c);
    var channels = c.channels() > 1 ? Integer.valueOf(c.channels()) : null;
    b.codec(new RtpMap(c.payloadType(), c.name(), c.clockRate(), channels), fmtp, feedback);
    if (p.rtp().hasRtx()) {
      b.rtx(p.rtp().rtxPayloadType(), c.payloadType(), c.clockRate());
    }
    boolean rtx = p.rtp().hasRtx() && source.rtxSsrc() != 0;
    if (rtx) {
      b.ssrcGroup(SsrcGroup.fid(source.ssrc(), source.rtxSsrc()));
    }
    b.source(source.ssrc(), source.cname(), msid);
    if (rtx) {
      b.source(source.rtxSsrc(), source.cname(), msid);
    }
    return b.build();
  }

  private static MediaDescription idle(
      MediaDescription m, String mid, Codec c, TransportLines transport) {
    var b = transport.addTo(MediaDescription.builder(m.media(), 9, m.protocol()).mid(mid));
    b.direction(Direction.INACTIVE).rtcpMux().rtcpReducedSize();
    var channels = c.channels() > 1 ? Integer.valueOf(c.channels()) : null;
    b.codec(
        new RtpMap(c.payloadType(), c.name(), c.clockRate(), channels),
        PublishAnswer.fmtp(c),
        List.of());
    return b.build();
  }

  private static String describe(String mime) {
    var name = mime.substring(mime.indexOf('/') + 1);
    return name.equalsIgnoreCase("h264") ? "H.264 (packetization-mode 1)" : name;
  }

  private static String offered(MediaDescription m) {
    var names =
        m.codecs().stream()
            .filter(c -> !c.isRtx())
            .map(Codec::name)
            .distinct()
            .reduce((a, b) -> a + ", " + b);
    return names.orElse("no codec");
  }

  private static int id(MediaDescription m, String uri) {
    int id = m.extensionId(uri).orElse(0);
    return id <= 255 ? id : 0;
  }
}
