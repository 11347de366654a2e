package dev.chorus.media.rtp.rtcp;

import dev.chorus.media.rtp.BigEndian;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Goodbye, PT 203 (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.6">RFC 3550 §6.6</a>):
 * the SSRCs leaving and an optional UTF-8 reason of at most 255 bytes.
 */
public record Goodbye(List<Long> ssrcs, Optional<String> reason) implements RtcpPacket {

  public Goodbye {
    ssrcs = List.copyOf(ssrcs);
    Checks.maxCount(ssrcs.size(), "BYE sources");
    ssrcs.forEach(s -> Checks.u32(s, "ssrc"));
    reason.ifPresent(
        r -> Checks.range(r.getBytes(StandardCharsets.UTF_8).length, 0, 255, "reason length"));
  }

  public static Goodbye of(long ssrc) {
    return new Goodbye(List.of(ssrc), Optional.empty());
  }

  /** Parses the BYE packet that is exactly {@code len} bytes at {@code off}. */
  public static Optional<Goodbye> parse(byte[] buf, int off, int len) {
    int body = RtcpHeader.bodyLength(buf, off, len, RtcpHeader.BYE, -1);
    int count = body < 0 ? 0 : RtcpHeader.countOrFormat(buf, off);
    if (body < 4 * count) {
      return Optional.empty();
    }
    int p = off + RtcpHeader.LENGTH;
    List<Long> ssrcs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ssrcs.add(BigEndian.u32(buf, p + 4 * i));
    }
    int rest = body - 4 * count;
    if (rest == 0) {
      return Optional.of(new Goodbye(ssrcs, Optional.empty()));
    }
    int at = p + 4 * count;
    int reasonLength = buf[at] & 0xFF;
    if (1 + reasonLength > rest) {
      return Optional.empty();
    }
    Optional<String> reason = Utf8.decode(buf, at + 1, reasonLength);
    return reason.map(r -> new Goodbye(ssrcs, Optional.of(r)));
  }

  @Override
  public int packetType() {
    return RtcpHeader.BYE;
  }

  @Override
  public int encodedLength() {
    int n = RtcpHeader.LENGTH + 4 * ssrcs.size();
    return reason.map(r -> n + RtcpHeader.roundUp4(1 + utf8(r).length)).orElse(n);
  }

  @Override
  public int writeTo(byte[] buf, int off) {
    int len = encodedLength();
    if (!RtcpHeader.fits(buf, off, len)) {
      return -1;
    }
    RtcpHeader.write(buf, off, ssrcs.size(), RtcpHeader.BYE, len, false);
    int p = off + RtcpHeader.LENGTH;
    for (long ssrc : ssrcs) {
      BigEndian.put32(buf, p, ssrc);
      p += 4;
    }
    if (reason.isPresent()) {
      byte[] text = utf8(reason.get());
      buf[p] = (byte) text.length;
      System.arraycopy(text, 0, buf, p + 1, text.length);
      for (int i = p + 1 + text.length; i < off + len; i++) {
        buf[i] = 0;
      }
    }
    return len;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
