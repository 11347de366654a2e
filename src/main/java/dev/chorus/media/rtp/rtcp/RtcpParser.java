package dev.chorus.media.rtp.rtcp;

import java.util.Optional;

/**
 * Parses one RTCP packet into the matching {@link RtcpPacket} by packet type (<a
 * href="https://www.rfc-editor.org/rfc/rfc3550#section-12.1">RFC 3550 §12.1</a>) and, for feedback,
 * FMT (<a href="https://www.rfc-editor.org/rfc/rfc4585#section-6.1">RFC 4585 §6.1</a>). A type or
 * format not modelled here becomes {@link UnknownRtcp}; a modelled one whose body is malformed is
 * rejected rather than passed on as unknown.
 */
public final class RtcpParser {
  private RtcpParser() {}

  /** Parses the RTCP packet that is exactly {@code len} bytes at {@code off}. */
  public static Optional<RtcpPacket> parse(byte[] buf, int off, int len) {
    int body = RtcpHeader.bodyLength(buf, off, len);
    if (body < 0) {
      return Optional.empty();
    }
    int fmt = RtcpHeader.countOrFormat(buf, off);
    return switch (RtcpHeader.packetType(buf, off)) {
      case RtcpHeader.SR -> widen(SenderReport.parse(buf, off, len));
      case RtcpHeader.RR -> widen(ReceiverReport.parse(buf, off, len));
      case RtcpHeader.SDES -> widen(SourceDescription.parse(buf, off, len));
      case RtcpHeader.BYE -> widen(Goodbye.parse(buf, off, len));
      case RtcpHeader.RTPFB ->
          switch (fmt) {
            case RtcpHeader.FMT_GENERIC_NACK -> widen(GenericNack.parse(buf, off, len));
            case RtcpHeader.FMT_TRANSPORT_CC -> widen(TransportCcFeedback.parse(buf, off, len));
            default -> widen(UnknownRtcp.parse(buf, off, len));
          };
      case RtcpHeader.PSFB ->
          switch (fmt) {
            case RtcpHeader.FMT_PLI -> widen(PictureLossIndication.parse(buf, off, len));
            case RtcpHeader.FMT_FIR -> widen(FullIntraRequest.parse(buf, off, len));
            case RtcpHeader.FMT_AFB ->
                Remb.isRemb(buf, off, body)
                    ? widen(Remb.parse(buf, off, len))
                    : widen(UnknownRtcp.parse(buf, off, len));
            default -> widen(UnknownRtcp.parse(buf, off, len));
          };
      default -> widen(UnknownRtcp.parse(buf, off, len));
    };
  }

  private static Optional<RtcpPacket> widen(Optional<? extends RtcpPacket> p) {
    return p.map(RtcpPacket.class::cast);
  }
}
