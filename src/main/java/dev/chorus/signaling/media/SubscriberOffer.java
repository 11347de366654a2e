package dev.chorus.signaling.media;

import dev.chorus.media.codec.H264Format;
import dev.chorus.media.sfu.MediaKind;
import dev.chorus.media.sfu.stream.RtpCodec;
import dev.chorus.signaling.sdp.Connection;
import dev.chorus.signaling.sdp.Direction;
import dev.chorus.signaling.sdp.MediaDescription;
import dev.chorus.signaling.sdp.MediaDescriptionBuilder;
import dev.chorus.signaling.sdp.Msid;
import dev.chorus.signaling.sdp.Origin;
import dev.chorus.signaling.sdp.RtpMap;
import dev.chorus.signaling.sdp.SessionDescription;
import dev.chorus.signaling.sdp.SsrcGroup;
import java.util.List;
import java.util.Locale;

/**
 * The offer for a subscriber's receive transport (JSEP, RFC 8829 §5.2): one m-section per slot,
 * {@code sendonly} with the consumer's SSRC (and RTX SSRC in an FID group, RFC 5576 §4.2), codecs
 * and header extension ids when a consumer fills it, {@code inactive} when its consumer closed (the
 * section stays in the BUNDLE group, so the transport survives, and is reused for the next consumer
 * of the same kind). RTCP feedback offered: NACK, PLI, FIR and REMB — not transport-cc, since the
 * router sends no transport-wide feedback requests' counterpart to subscribers. No simulcast: each
 * consumer forwards one layer. Each section carries its publisher's codec (Opus, VP8 or H.264, the
 * router does not transcode); a section the browser rejected is offered rejected from then on.
 */
final class SubscriberOffer {
  /** Opus as the server offers it to every subscriber, whatever payload type publishers used. */
  static final RtpCodec OPUS = RtpCodec.of(111, "audio/opus", 48000);

  /** VP8 with RTX, likewise. */
  static final RtpCodec VP8 = new RtpCodec(96, "video/VP8", 90000, 97);

  /**
   * H.264 with RTX, likewise, always with the fmtp {@link H264Format#SUBSCRIBER_FMTP}: sections of
   * one BUNDLE group that share a payload type must share its parameters too (RFC 8843 §7.2), and
   * browsers decode any level of Constrained Baseline.
   */
  static final RtpCodec H264 = new RtpCodec(102, "video/H264", 90000, 103);

  private static final List<String> VIDEO_FEEDBACK =
      List.of("goog-remb", "ccm fir", "nack", "nack pli");
  private static final String DEFAULT_OPUS_FMTP = "minptime=10;useinbandfec=1";

  private SubscriberOffer() {}

  /**
   * One m-section: its mid and kind, and what it carries now (null: inactive).
   *
   * @param stream the consumer's SSRCs and stream, or null
   * @param refused the browser rejected the section (port 0 in its answer, e.g. a codec it cannot
   *     decode): it stays rejected in every later offer (RFC 8829 §5.2.2)
   */
  record Slot(String mid, MediaKind kind, Stream stream, boolean refused) {
    Slot(String mid, MediaKind kind, Stream stream) {
      this(mid, kind, stream, false);
    }
  }

  /**
   * What a filled slot announces.
   *
   * @param fmtp the publisher's fmtp parameters for the codec (e.g. Opus {@code useinbandfec=1})
   * @param streamId the {@code a=msid} stream: one per publisher and source, so that a browser
   *     plays a publisher's audio and video in sync
   */
  record Stream(
      long ssrc,
      long rtxSsrc,
      String cname,
      String fmtp,
      String streamId,
      String trackId,
      RtpCodec codec) {
    /** A stream in the kind's default codec (Opus, VP8). */
    Stream(long ssrc, long rtxSsrc, String cname, String fmtp, String streamId, String trackId) {
      this(ssrc, rtxSsrc, cname, fmtp, streamId, trackId, null);
    }
  }

  /** The codec subscribers receive a producer in: the one it was published in. */
  static RtpCodec codecFor(MediaKind kind, RtpCodec published) {
    if (kind == MediaKind.AUDIO) {
      return OPUS;
    }
    return published != null && published.mimeType().equalsIgnoreCase(H264.mimeType()) ? H264 : VP8;
  }

  static String offer(List<Slot> slots, TransportLines transport, Origin origin) {
    var b =
        SessionDescription.builder(origin)
            .iceLite()
            .bundle(slots.stream().filter(s -> !s.refused()).map(Slot::mid).toList())
            .msidSemantic("WMS", List.of("*"));
    for (var slot : slots) {
      b.media(section(slot, transport));
    }
    return b.build().toSdp();
  }

  private static MediaDescription section(Slot slot, TransportLines transport) {
    boolean video = slot.kind() == MediaKind.VIDEO;
    if (slot.refused()) {
      return refused(slot, video);
    }
    var m =
        transport.addTo(
            MediaDescription.builder(
                    video ? MediaDescription.VIDEO : MediaDescription.AUDIO,
                    9,
                    MediaDescription.RTP_PROTOCOL)
                .mid(slot.mid()));
    if (!video) {
      m.extension(RtpUris.SUBSCRIBER_AUDIO_LEVEL_ID, RtpUris.AUDIO_LEVEL);
    }
    m.extension(RtpUris.SUBSCRIBER_ABS_SEND_TIME_ID, RtpUris.ABS_SEND_TIME);
    m.extension(RtpUris.SUBSCRIBER_MID_ID, RtpUris.MID);
    var stream = slot.stream();
    m.direction(stream == null ? Direction.INACTIVE : Direction.SENDONLY);
    Msid msid = stream == null ? null : new Msid(stream.streamId(), stream.trackId());
    if (msid != null) {
      m.line(msid);
    }
    m.rtcpMux().rtcpReducedSize();
    if (video) {
      var codec = stream == null ? VP8 : codecFor(MediaKind.VIDEO, stream.codec());
      String fmtp;
      if (codec == H264) {
        fmtp = H264Format.SUBSCRIBER_FMTP;
      } else {
        fmtp = stream == null ? "" : stream.fmtp();
      }
      m.codec(rtpMap(codec), fmtp, VIDEO_FEEDBACK);
      m.rtx(codec.rtxPayloadType(), codec.payloadType(), codec.clockRate());
    } else {
      m.codec(rtpMap(OPUS), stream == null ? DEFAULT_OPUS_FMTP : stream.fmtp(), List.of());
    }
    if (stream != null) {
      addSources(m, stream, msid);
    }
    return m.build();
  }

  /** A section the browser rejected: port 0, outside the BUNDLE group, nothing to negotiate. */
  private static MediaDescription refused(Slot slot, boolean video) {
    var codec = video ? VP8 : OPUS;
    var m =
        MediaDescription.builder(
                video ? MediaDescription.VIDEO : MediaDescription.AUDIO,
                0,
                MediaDescription.RTP_PROTOCOL)
            .connection(Connection.IP4_ANY)
            .mid(slot.mid())
            .direction(Direction.INACTIVE);
    m.codec(rtpMap(codec), "", List.of());
    return m.build();
  }

  private static void addSources(MediaDescriptionBuilder m, Stream stream, Msid msid) {
    if (stream.rtxSsrc() != 0) {
      m.ssrcGroup(SsrcGroup.fid(stream.ssrc(), stream.rtxSsrc()));
    }
    m.source(stream.ssrc(), stream.cname(), msid);
    if (stream.rtxSsrc() != 0) {
      m.source(stream.rtxSsrc(), stream.cname(), msid);
    }
  }

  private static RtpMap rtpMap(RtpCodec codec) {
    var name = codec.mimeType().substring(codec.mimeType().indexOf('/') + 1);
    boolean opus = name.toLowerCase(Locale.ROOT).equals("opus");
    return new RtpMap(
        codec.payloadType(), name, codec.clockRate(), opus ? Integer.valueOf(2) : null);
  }
}
