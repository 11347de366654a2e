package dev.chorus.media.rtp.rtcp;

import dev.chorus.media.rtp.BigEndian;
import dev.chorus.media.rtp.SequenceNumbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Generic NACK: RTPFB (205) with FMT 1 (<a
 * href="https://www.rfc-editor.org/rfc/rfc4585#section-6.2.1">RFC 4585 §6.2.1</a>). Each FCI pair
 * names a lost packet (PID) and, in a 16-bit bitmask (BLP), which of the 16 packets after it were
 * lost too: bit i set means PID + i + 1 (mod 2^16) was lost.
 */
public record GenericNack(long senderSsrc, long mediaSsrc, List<GenericNack.Pair> pairs)
    implements RtcpPacket {

  /** One PID/BLP pair. */
  public record Pair(int pid, int blp) {
    public Pair {
      Checks.range(pid, 0, 0xFFFF, "PID");
      Checks.range(blp, 0, 0xFFFF, "BLP");
    }

    /** Calls {@code sink} with the PID and every sequence number the BLP marks, in order. */
    public void forEachLost(IntConsumer sink) {
      sink.accept(pid);
      for (int bit = 0; bit < 16; bit++) {
        if ((blp & (1 << bit)) != 0) {
          sink.accept(SequenceNumbers.add(pid, bit + 1));
        }
      }
    }
  }

  public GenericNack {
    Checks.u32(senderSsrc, "sender ssrc");
    Checks.u32(mediaSsrc, "media ssrc");
    pairs = List.copyOf(pairs);
  }

  /**
   * Builds the fewest pairs covering {@code lost} (any order, duplicates ignored; assumed to span
   * less than half the sequence space so that wrap-around sorts right).
   */
  public static GenericNack fromLost(long senderSsrc, long mediaSsrc, int[] lost) {
    int[] seqs = SequenceNumbers.sortedInSendOrder(lost);
    List<Pair> pairs = new ArrayList<>();
    int i = 0;
    while (i < seqs.length) {
      int pid = seqs[i++];
      int blp = 0;
      while (i < seqs.length) {
        int d = SequenceNumbers.delta(seqs[i], pid);
        if (d < 1 || d > 16) {
          break;
        }
        blp |= 1 << (d - 1);
        i++;
      }
      pairs.add(new Pair(pid, blp));
    }
    return new GenericNack(senderSsrc, mediaSsrc, pairs);
  }

  /** Every sequence number the pairs report lost, in packet order (duplicates kept). */
  public int[] lostSequenceNumbers() {
    int[] count = new int[1];
    pairs.forEach(p -> p.forEachLost(s -> count[0]++));
    int[] out = new int[count[0]];
    int[] at = new int[1];
    pairs.forEach(p -> p.forEachLost(s -> out[at[0]++] = s));
    return out;
  }

  /** Parses the NACK that is exactly {@code len} bytes at {@code off}; needs at least one pair. */
  public static Optional<GenericNack> parse(byte[] buf, int off, int len) {
    int body = RtcpHeader.bodyLength(buf, off, len, RtcpHeader.RTPFB, RtcpHeader.FMT_GENERIC_NACK);
    if (body < 12 || body % 4 != 0) {
      return Optional.empty();
    }
    int p = off + RtcpHeader.LENGTH;
    List<Pair> pairs = new ArrayList<>((body - 8) / 4);
    for (int at = p + 8; at < p + body; at += 4) {
      pairs.add(new Pair(BigEndian.u16(buf, at), BigEndian.u16(buf, at + 2)));
    }
    return Optional.of(new GenericNack(BigEndian.u32(buf, p), BigEndian.u32(buf, p + 4), pairs));
  }

  @Override
  public int packetType() {
    return RtcpHeader.RTPFB;
  }

  @Override
  public int encodedLength() {
    return RtcpHeader.LENGTH + 8 + 4 * pairs.size();
  }

  @Override
  public int writeTo(byte[] buf, int off) {
    int len = encodedLength();
    if (!RtcpHeader.fits(buf, off, len)) {
      return -1;
    }
    RtcpHeader.write(buf, off, RtcpHeader.FMT_GENERIC_NACK, RtcpHeader.RTPFB, len, false);
    BigEndian.put32(buf, off + 4, senderSsrc);
    BigEndian.put32(buf, off + 8, mediaSsrc);
    int p = off + 12;
    for (Pair pair : pairs) {
      BigEndian.put16(buf, p, pair.pid());
      BigEndian.put16(buf, p + 2, pair.blp());
      p += 4;
    }
    return len;
  }
}
