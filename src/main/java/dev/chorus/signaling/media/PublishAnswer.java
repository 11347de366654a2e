package dev.chorus.signaling.media;

import dev.chorus.media.codec.H264Format;
import dev.chorus.media.sfu.Encoding;
import dev.chorus.media.sfu.MediaKind;
import dev.chorus.media.sfu.ProducerOptions;
import dev.chorus.media.sfu.stream.HeaderExtensionIds;
import dev.chorus.media.sfu.stream.RtpCodec;
import dev.chorus.signaling.sdp.Codec;
import dev.chorus.signaling.sdp.Direction;
import dev.chorus.signaling.sdp.MediaDescription;
import dev.chorus.signaling.sdp.MediaDescriptionBuilder;
import dev.chorus.signaling.sdp.Origin;
import dev.chorus.signaling.sdp.Rid;
import dev.chorus.signaling.sdp.RtpMap;
import dev.chorus.signaling.sdp.SessionDescription;
import dev.chorus.signaling.sdp.Simulcast;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A publisher's send transport in SDP (JSEP, RFC 8829 §5.3): what to produce for each m-section of
 * the browser's offer, and the answer. Each audio section the browser sends is answered with Opus,
 * each video section with VP8 or H.264 (whichever the offer lists first; see {@link #chooseCodec})
 * and its RTX (RFC 4588) — the video codecs whose key frames the router recognises for every
 * subscriber and layer switch — and {@code recvonly}; simulcast offered by rid (RFC 8853) is
 * accepted as offered ({@code a=simulcast:recv}). Sections that send nothing are answered {@code
 * inactive}; unusable ones (no codec, data channels, stopped) are rejected with port 0 ({@link
 * MediaDescription#rejectedAnswer}). An {@code a=bundle-only} section offered with port 0 inside
 * the BUNDLE group (RFC 8843) is not a stopped one and is answered like the others.
 */
final class PublishAnswer {
  private static final Set<String> EXTENSIONS =
      Set.of(
          RtpUris.MID,
          RtpUris.RID,
          RtpUris.REPAIRED_RID,
          RtpUris.AUDIO_LEVEL,
          RtpUris.ABS_SEND_TIME,
          RtpUris.TRANSPORT_CC);
  private static final Set<String> VIDEO_FEEDBACK =
      Set.of("nack", "nack pli", "ccm fir", "goog-remb", "transport-cc");
  private static final Set<String> AUDIO_FEEDBACK = Set.of("transport-cc");

  private PublishAnswer() {}

  /** What becomes of one offered m-section. */
  sealed interface Section {
    MediaDescription offered();
  }

  /** The browser sends this track: a producer, answered recvonly. */
  record Publish(
      MediaDescription offered,
      String mid,
      ProducerOptions producer,
      Codec codec,
      OptionalInt rtxPayloadType,
      List<String> rids)
      implements Section {}

  /** Kept in the BUNDLE group but carrying nothing now (inactive or recvonly). */
  record Idle(MediaDescription offered, String mid) implements Section {}

  /** Port 0: unusable, or stopped by the browser. */
  record Rejected(MediaDescription offered) implements Section {}

  /** Decides every section of the offer, in order. */
  static List<Section> plan(SessionDescription offer) {
    var out = new ArrayList<Section>();
    for (var m : offer.media()) {
      out.add(section(offer, m));
    }
    return out;
  }

  private static Section section(SessionDescription offer, MediaDescription m) {
    var mid = m.mid().orElse(null);
    if (mid == null || !m.isRtp() || offer.isRemoved(m)) { // bundle-only port 0 is not removed
      return new Rejected(m);
    }
    var kind = kindOf(m);
    if (kind.isEmpty()) {
      return new Rejected(m);
    }
    var codec = chooseCodec(m, kind.get());
    if (codec.isEmpty()) {
      return new Rejected(m);
    }
    if (!offer.direction(m).sends()) {
      return new Idle(m, mid);
    }
    var rtx =
        kind.get() == MediaKind.VIDEO
            ? m.rtxPayloadType(codec.get().payloadType())
            : OptionalInt.empty();
    var rids = sendRids(m);
    try {
      var options =
          new ProducerOptions(
              kind.get(),
              mid,
              m.sources().stream().flatMap(s -> s.cname().stream()).findFirst().orElse(null),
              List.of(
                  new RtpCodec(
                      codec.get().payloadType(),
                      (kind.get() == MediaKind.AUDIO ? "audio/" : "video/") + codec.get().name(),
                      codec.get().clockRate(),
                      rtx.orElse(-1))),
              encodings(m, rids),
              extensionIds(m));
      return new Publish(m, mid, options, codec.get(), rtx, rids);
    } catch (IllegalArgumentException e) {
      return new Rejected(m); // e.g. an SSRC announced twice: nothing sane to route
    }
  }

  /** The answer: {@code plan} decided on {@code offer}'s sections, in the same order. */
  static String answer(
      SessionDescription offer, List<Section> plan, TransportLines transport, Origin origin) {
    var sections = new ArrayList<MediaDescription>();
    var bundle = new ArrayList<String>();
    for (var s : plan) {
      if (s instanceof Publish p) {
        sections.add(published(p, transport));
        bundle.add(p.mid());
      } else if (s instanceof Idle i) {
        sections.add(idle(i, transport));
        bundle.add(i.mid());
      } else {
        sections.add(rejected(s.offered()));
      }
    }
    var answer = SessionDescription.builder(origin).iceLite().bundle(bundle);
    sections.forEach(answer::media);
    return answer.build().toSdp();
  }

  private static MediaDescription published(Publish p, TransportLines transport) {
    var m = p.offered();
    var b = transport.addTo(MediaDescription.builder(m.media(), 9, m.protocol()).mid(p.mid()));
    for (var ext : m.extensions()) {
      if (EXTENSIONS.contains(ext.uri())
          && (p.producer().kind() == MediaKind.AUDIO || !ext.uri().equals(RtpUris.AUDIO_LEVEL))) {
        b.extension(ext.id(), ext.uri());
      }
    }
    b.direction(Direction.RECVONLY).rtcpMux().rtcpReducedSize();
    addCodec(b, p.codec(), p.producer().kind());
    p.rtxPayloadType().ifPresent(rtx -> b.rtx(rtx, p.codec().payloadType(), p.codec().clockRate()));
    if (!p.rids().isEmpty()) {
      p.rids().forEach(r -> b.rid(new Rid(r, Rid.Direction.RECV, null)));
      b.simulcast(Simulcast.recv(p.rids()));
    }
    return b.build();
  }

  private static MediaDescription idle(Idle i, TransportLines transport) {
    var m = i.offered();
    var b = transport.addTo(MediaDescription.builder(m.media(), 9, m.protocol()).mid(i.mid()));
    b.direction(Direction.INACTIVE).rtcpMux().rtcpReducedSize();
    var kind = kindOf(m).orElseThrow();
    addCodec(b, chooseCodec(m, kind).orElseThrow(), kind);
    return b.build();
  }

  static MediaDescription rejected(MediaDescription offered) {
    return MediaDescription.rejectedAnswer(offered);
  }

  static void addCodec(MediaDescriptionBuilder b, Codec codec, MediaKind kind) {
    var allowed = kind == MediaKind.VIDEO ? VIDEO_FEEDBACK : AUDIO_FEEDBACK;
    var feedback =
        codec.feedback().stream().map(f -> f.kind()).filter(allowed::contains).distinct().toList();
    var channels = codec.channels() > 1 ? Integer.valueOf(codec.channels()) : null;
    b.codec(
        new RtpMap(codec.payloadType(), codec.name(), codec.clockRate(), channels),
        fmtp(codec),
        feedback);
  }

  static String fmtp(Codec codec) {
    return codec.parameters().entrySet().stream()
        .map(
            e ->
                e.getValue() == null || e.getValue().isEmpty()
                    ? e.getKey()
                    : e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(";"));
  }

  static Optional<MediaKind> kindOf(MediaDescription m) {
    return switch (m.media()) {
      case MediaDescription.AUDIO -> Optional.of(MediaKind.AUDIO);
      case MediaDescription.VIDEO -> Optional.of(MediaKind.VIDEO);
      default -> Optional.empty();
    };
  }

  /**
   * The first codec in the offer's order (its preference, RFC 8829 §5.3.1) that the router forwards
   * to every subscriber: Opus for audio; VP8 or H.264 for video, H.264 only in packetization mode 1
   * with the Constrained Baseline profile ({@link H264Format}).
   */
  static Optional<Codec> chooseCodec(MediaDescription m, MediaKind kind) {
    return m.codecs().stream().filter(c -> supports(c, kind)).findFirst();
  }

  private static boolean supports(Codec c, MediaKind kind) {
    var name = c.name().toLowerCase(Locale.ROOT);
    if (kind == MediaKind.AUDIO) {
      return name.equals("opus") && c.clockRate() == 48000;
    }
    return c.clockRate() == 90000
        && (name.equals("vp8")
            || (name.equals("h264") && H264Format.isForwardable(c.parameters())));
  }

  /** The rids of {@code a=simulcast:send} (first alternative of each stream), if any. */
  private static List<String> sendRids(MediaDescription m) {
    var simulcast = m.simulcast();
    if (simulcast.isEmpty() || simulcast.get().send().isEmpty()) {
      return List.of();
    }
    var declared =
        m.rids().stream()
            .filter(r -> r.direction() == Rid.Direction.SEND)
            .map(Rid::id)
            .collect(Collectors.toSet());
    return simulcast.get().send().stream()
        .map(alternatives -> alternatives.get(0))
        .filter(s -> !s.paused() && declared.contains(s.rid()))
        .map(Simulcast.Stream::rid)
        .limit(ProducerOptions.MAX_LAYERS)
        .toList();
  }

  /** Lowest layer first: rids as the browser lists them (the page sends them so), else SSRCs. */
  private static List<Encoding> encodings(MediaDescription m, List<String> rids) {
    if (!rids.isEmpty()) {
      return rids.stream().map(Encoding::ofRid).toList();
    }
    var sim = m.simulcastSsrcs();
    if (sim.size() > 1) {
      return sim.stream().map(s -> Encoding.ofSsrc(s, m.rtxSsrc(s).orElse(0))).toList();
    }
    var ssrcs = m.mediaSsrcs();
    if (!ssrcs.isEmpty()) {
      long ssrc = ssrcs.get(0);
      return List.of(Encoding.ofSsrc(ssrc, m.rtxSsrc(ssrc).orElse(0)));
    }
    return List.of(new Encoding(null, 0, 0));
  }

  private static HeaderExtensionIds extensionIds(MediaDescription m) {
    return new HeaderExtensionIds(
        id(m, RtpUris.MID),
        id(m, RtpUris.RID),
        id(m, RtpUris.REPAIRED_RID),
        id(m, RtpUris.AUDIO_LEVEL),
        id(m, RtpUris.ABS_SEND_TIME),
        id(m, RtpUris.TRANSPORT_CC));
  }

  private static int id(MediaDescription m, String uri) {
    int id = m.extensionId(uri).orElse(0);
    return id <= 255 ? id : 0;
  }
}
