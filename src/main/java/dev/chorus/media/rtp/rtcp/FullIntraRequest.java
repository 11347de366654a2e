package dev.chorus.media.rtp.rtcp;

import dev.chorus.media.rtp.BigEndian;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Full intra request: PSFB (206) with FMT 4 (<a
 * href="https://www.rfc-editor.org/rfc/rfc5104#section-4.3.1">RFC 5104 §4.3.1</a>). The media SSRC
 * of the common header is unused (0) by the RFC; the target streams are in the FCI entries, each
 * with an 8-bit command sequence number that the sender increments per new request.
 */
public record FullIntraRequest(
    long senderSsrc, long mediaSsrc, List<FullIntraRequest.Entry> entries) implements RtcpPacket {

  /** One FCI entry: the SSRC asked for a key frame, and the request's sequence number. */
  public record Entry(long ssrc, int sequenceNumber) {
    public Entry {
      Checks.u32(ssrc, "ssrc");
      Checks.range(sequenceNumber, 0, 255, "FIR sequence number");
    }
  }

  public FullIntraRequest {
    Checks.u32(senderSsrc, "sender ssrc");
    Checks.u32(mediaSsrc, "media ssrc");
    entries = List.copyOf(entries);
  }

  /** Parses the FIR that is exactly {@code len} bytes at {@code off}; needs at least one entry. */
  public static Optional<FullIntraRequest> parse(byte[] buf, int off, int len) {
    int body = RtcpHeader.bodyLength(buf, off, len, RtcpHeader.PSFB, RtcpHeader.FMT_FIR);
    if (body < 16 || body % 8 != 0) {
      return Optional.empty();
    }
    int p = off + RtcpHeader.LENGTH;
    List<Entry> entries = new ArrayList<>((body - 8) / 8);
    for (int at = p + 8; at < p + body; at += 8) {
      entries.add(new Entry(BigEndian.u32(buf, at), buf[at + 4] & 0xFF));
    }
    return Optional.of(
        new FullIntraRequest(BigEndian.u32(buf, p), BigEndian.u32(buf, p + 4), entries));
  }

  @Override
  public int packetType() {
    return RtcpHeader.PSFB;
  }

  @Override
  public int encodedLength() {
    return RtcpHeader.LENGTH + 8 + 8 * entries.size();
  }

  @Override
  public int writeTo(byte[] buf, int off) {
    int len = encodedLength();
    if (!RtcpHeader.fits(buf, off, len)) {
      return -1;
    }
    RtcpHeader.write(buf, off, RtcpHeader.FMT_FIR, RtcpHeader.PSFB, len, false);
    BigEndian.put32(buf, off + 4, senderSsrc);
    BigEndian.put32(buf, off + 8, mediaSsrc);
    int p = off + 12;
    for (Entry e : entries) {
      BigEndian.put32(buf, p, e.ssrc());
      BigEndian.put32(buf, p + 4, (long) e.sequenceNumber() << 24);
      p += 8;
    }
    return len;
  }
}
