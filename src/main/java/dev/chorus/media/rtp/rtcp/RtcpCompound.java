package dev.chorus.media.rtp.rtcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compound RTCP packets (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.1">RFC 3550
 * §6.1</a>): several RTCP packets back to back in one datagram. Reduced-size RTCP (RFC 5506), as
 * browsers send for feedback, is a compound of one and needs no special case. The RFC 3550 rule
 * that a compound starts with SR or RR is not enforced.
 */
public final class RtcpCompound {
  private RtcpCompound() {}

  /** What {@link #parseLenient} recovered. */
  public record Lenient(List<RtcpPacket> packets, int skipped, boolean framingError) {
    public Lenient {
      packets = List.copyOf(packets);
    }
  }

  /** Every packet of the compound, or empty if any packet is malformed or the framing is off. */
  public static Optional<List<RtcpPacket>> parse(byte[] buf, int off, int len) {
    Lenient result = parseLenient(buf, off, len);
    if (result.framingError() || result.skipped() > 0 || result.packets().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(result.packets());
  }

  /**
   * The packets that parse, skipping (and counting) well-framed packets with a malformed body and
   * stopping at the first framing error, as libwebrtc does, so one bad feedback message does not
   * cost the sender report beside it.
   */
  public static Lenient parseLenient(byte[] buf, int off, int len) {
    RtcpCompoundIterator it = new RtcpCompoundIterator().reset(buf, off, len);
    List<RtcpPacket> packets = new ArrayList<>();
    int skipped = 0;
    while (it.next()) {
      Optional<RtcpPacket> p = RtcpParser.parse(buf, it.packetOffset(), it.packetLength());
      if (p.isPresent()) {
        packets.add(p.get());
      } else {
        skipped++;
      }
    }
    return new Lenient(packets, skipped, it.malformed());
  }

  /** Total bytes of the packets written back to back. */
  public static int encodedLength(List<? extends RtcpPacket> packets) {
    int n = 0;
    for (RtcpPacket p : packets) {
      n += p.encodedLength();
    }
    return n;
  }

  /** Writes the packets back to back at {@code buf[off]}; returns the length or -1 if too small. */
  public static int write(List<? extends RtcpPacket> packets, byte[] buf, int off) {
    int len = encodedLength(packets);
    if (!RtcpHeader.fits(buf, off, len)) {
      return -1;
    }
    int at = off;
    for (RtcpPacket p : packets) {
      at += p.writeTo(buf, at);
    }
    return len;
  }

  public static byte[] toBytes(List<? extends RtcpPacket> packets) {
    byte[] out = new byte[encodedLength(packets)];
    write(packets, out, 0);
    return out;
  }
}
