package dev.chorus.media.sfu;

import dev.chorus.media.sfu.stream.HeaderExtensionIds;
import dev.chorus.media.sfu.stream.RtpCodec;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What the publisher's SDP says about one track it sends (one m-line of the send transport).
 *
 * @param kind audio or video
 * @param mid the m-line's {@code a=mid}; matched against the MID header extension to learn SSRCs
 * @param cname the publisher's {@code a=ssrc:... cname:} (RFC 7022), reused in the SDES of the
 *     reports subscribers get, or null
 * @param codecs the negotiated payload types; packets with any other are dropped
 * @param encodings the RTP streams, lowest quality first: one, or 2–3 simulcast layers
 * @param extensions the header extension ids negotiated for this m-line
 */
public record ProducerOptions(
    MediaKind kind,
    String mid,
    String cname,
    List<RtpCodec> codecs,
    List<Encoding> encodings,
    HeaderExtensionIds extensions) {
  /** Simulcast with more layers than this is refused. */
  public static final int MAX_LAYERS = 4;

  public ProducerOptions {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(extensions, "extensions");
    codecs = List.copyOf(codecs);
    encodings = List.copyOf(encodings);
    if (codecs.isEmpty()) {
      throw new IllegalArgumentException("no codecs");
    }
    if (encodings.isEmpty() || encodings.size() > MAX_LAYERS) {
      throw new IllegalArgumentException("1 to " + MAX_LAYERS + " encodings needed");
    }
    var types = new HashSet<Integer>();
    for (RtpCodec codec : codecs) {
      if (!types.add(codec.payloadType())
          || (codec.hasRtx() && !types.add(codec.rtxPayloadType()))) {
        throw new IllegalArgumentException("payload type used twice in " + codecs);
      }
    }
    var ssrcs = new HashSet<Long>();
    var rids = new HashSet<String>();
    for (Encoding e : encodings) {
      if ((e.ssrc() != 0 && !ssrcs.add(e.ssrc()))
          || (e.rtxSsrc() != 0 && !ssrcs.add(e.rtxSsrc()))
          || (e.rid() != null && !rids.add(e.rid()))) {
        throw new IllegalArgumentException("SSRC or rid used twice in " + encodings);
      }
      if (e.ssrc() == 0 && e.rid() == null && (encodings.size() > 1 || mid == null)) {
        throw new IllegalArgumentException(
            "an encoding needs an SSRC, a rid, or (if it is the only one) a mid: " + e);
      }
    }
  }

  /** A track with one encoding. */
  public static ProducerOptions single(
      MediaKind kind,
      String mid,
      String cname,
      List<RtpCodec> codecs,
      Encoding encoding,
      HeaderExtensionIds extensions) {
    return new ProducerOptions(kind, mid, cname, codecs, List.of(encoding), extensions);
  }
}
