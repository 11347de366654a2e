package dev.chorus.media.rtp.rtcp;

import dev.chorus.media.rtp.BigEndian;
import java.util.Arrays;
import java.util.Optional;

/**
 * Wire format of {@link TransportCcFeedback} (<a
 * href="https://datatracker.ietf.org/doc/html/draft-holmer-rmcat-transport-wide-cc-extensions-01#section-3.1">
 * draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1</a>).
 *
 * <pre>
 * |V=2|P|  FMT=15 |    PT=205     |           length              |
 * |                     SSRC of packet sender                     |
 * |                      SSRC of media source                     |
 * |      base sequence number     |      packet status count      |
 * |                 reference time                | fb pkt. count |
 * |   packet chunk ...            |  recv delta ...               |
 * </pre>
 *
 * <p>Chunks: run length {@code 0|SS|run(13)}, 1-bit vector {@code 1|0|14 symbols}, 2-bit vector
 * {@code 1|1|7 symbols}. Symbols past the status count are ignored. Receive deltas follow, one byte
 * (unsigned) per small-delta packet and two (signed) per large-delta packet, then up to 3 bytes of
 * zero padding or RTCP padding.
 */
final class TransportCcCodec {
  static final int FIXED_LENGTH = 20;
  static final int MAX_RUN = 0x1FFF;
  private static final int ONE_BIT_CAPACITY = 14;
  private static final int TWO_BIT_CAPACITY = 7;

  private TransportCcCodec() {}

  static Optional<TransportCcFeedback> parse(byte[] buf, int off, int len) {
    int body = RtcpHeader.bodyLength(buf, off, len, RtcpHeader.RTPFB, RtcpHeader.FMT_TRANSPORT_CC);
    if (body < FIXED_LENGTH - RtcpHeader.LENGTH) {
      return Optional.empty();
    }
    int p = off + RtcpHeader.LENGTH;
    int end = p + body;
    int count = BigEndian.u16(buf, p + 10);
    int at = p + 16;
    byte[] symbols = new byte[count];
    int[] chunks = new int[(end - at) / 2];
    int chunkCount = 0;
    int n = 0;
    while (n < count) {
      if (at + 2 > end) {
        return Optional.empty();
      }
      int word = BigEndian.u16(buf, at);
      at += 2;
      chunks[chunkCount++] = word;
      n = decodeChunk(word, symbols, n);
    }
    int received = 0;
    for (byte s : symbols) {
      if (s == 3) {
        return Optional.empty();
      }
      received += s == 0 ? 0 : 1;
    }
    int[] deltas = new int[received];
    int d = 0;
    for (byte s : symbols) {
      if (s == 1) {
        if (at + 1 > end) {
          return Optional.empty();
        }
        deltas[d++] = buf[at++] & 0xFF;
      } else if (s == 2) {
        if (at + 2 > end) {
          return Optional.empty();
        }
        deltas[d++] = (short) BigEndian.u16(buf, at);
        at += 2;
      }
    }
    if (end - at > 3) {
      return Optional.empty();
    }
    return Optional.of(
        new TransportCcFeedback(
            BigEndian.u32(buf, p),
            BigEndian.u32(buf, p + 4),
            BigEndian.u16(buf, p + 8),
            BigEndian.s24(buf, p + 12),
            buf[p + 15] & 0xFF,
            symbols,
            deltas,
            Arrays.copyOf(chunks, chunkCount)));
  }

  /**
   * Appends the symbols of one chunk to {@code out} from index {@code n}, stopping when {@code out}
   * is full; returns the new fill level. Reserved symbols (3) are passed through.
   */
  static int decodeChunk(int word, byte[] out, int n) {
    if ((word & 0x8000) == 0) {
      byte symbol = (byte) ((word >>> 13) & 3);
      int run = word & MAX_RUN;
      for (int k = 0; k < run && n < out.length; k++) {
        out[n++] = symbol;
      }
    } else if ((word & 0x4000) == 0) {
      for (int k = 0; k < ONE_BIT_CAPACITY && n < out.length; k++) {
        out[n++] = (byte) ((word >>> (13 - k)) & 1);
      }
    } else {
      for (int k = 0; k < TWO_BIT_CAPACITY && n < out.length; k++) {
        out[n++] = (byte) ((word >>> (12 - 2 * k)) & 3);
      }
    }
    return n;
  }

  /**
   * Greedy chunking: a run length chunk for runs of 14 or more (or for the rest if it is one run),
   * a 1-bit vector when the next 14 symbols have no large delta, else a run length chunk for runs
   * of 7 or more, else a 2-bit vector. Vectors past the end are filled with "not received", which
   * readers ignore beyond the status count.
   */
  static int[] encodeChunks(byte[] symbols) {
    int[] out = new int[symbols.length];
    return Arrays.copyOf(out, encodeChunks(symbols, symbols.length, out));
  }

  /**
   * Encodes the first {@code n} symbols into {@code out} (or only counts the chunks if {@code out}
   * is null); returns the number of chunks.
   */
  static int encodeChunks(byte[] symbols, int n, int[] out) {
    int c = 0;
    int i = 0;
    while (i < n) {
      int remaining = n - i;
      int run = 1;
      while (run < remaining && run < MAX_RUN && symbols[i + run] == symbols[i]) {
        run++;
      }
      int word;
      if (run >= ONE_BIT_CAPACITY || run == remaining) {
        word = (symbols[i] << 13) | run;
        i += run;
      } else if (noLargeDelta(symbols, i, Math.min(ONE_BIT_CAPACITY, remaining))) {
        word = 0x8000;
        for (int k = 0; k < ONE_BIT_CAPACITY && k < remaining; k++) {
          word |= symbols[i + k] << (13 - k);
        }
        i += Math.min(ONE_BIT_CAPACITY, remaining);
      } else if (run >= TWO_BIT_CAPACITY) {
        word = (symbols[i] << 13) | run;
        i += run;
      } else {
        word = 0xC000;
        for (int k = 0; k < TWO_BIT_CAPACITY && k < remaining; k++) {
          word |= symbols[i + k] << (12 - 2 * k);
        }
        i += Math.min(TWO_BIT_CAPACITY, remaining);
      }
      if (out != null) {
        out[c] = word;
      }
      c++;
    }
    return c;
  }

  private static boolean noLargeDelta(byte[] symbols, int from, int count) {
    for (int k = from; k < from + count; k++) {
      if (symbols[k] > 1) {
        return false;
      }
    }
    return true;
  }

  static int unpaddedLength(TransportCcFeedback f) {
    int n = FIXED_LENGTH + 2 * f.chunkCount();
    for (int i = 0; i < f.packetStatusCount(); i++) {
      n += f.symbol(i);
    }
    return n;
  }

  static int write(TransportCcFeedback f, byte[] buf, int off) {
    int unpadded = unpaddedLength(f);
    int len = RtcpHeader.roundUp4(unpadded);
    if (!RtcpHeader.fits(buf, off, len)) {
      return -1;
    }
    int pad = len - unpadded;
    RtcpHeader.write(buf, off, RtcpHeader.FMT_TRANSPORT_CC, RtcpHeader.RTPFB, len, pad > 0);
    int p = off + RtcpHeader.LENGTH;
    BigEndian.put32(buf, p, f.senderSsrc());
    BigEndian.put32(buf, p + 4, f.mediaSsrc());
    BigEndian.put16(buf, p + 8, f.baseSequenceNumber());
    BigEndian.put16(buf, p + 10, f.packetStatusCount());
    BigEndian.put24(buf, p + 12, f.referenceTime());
    buf[p + 15] = (byte) f.feedbackPacketCount();
    int at = p + 16;
    for (int i = 0; i < f.chunkCount(); i++) {
      BigEndian.put16(buf, at, f.chunk(i));
      at += 2;
    }
    int d = 0;
    for (int i = 0; i < f.packetStatusCount(); i++) {
      int s = f.symbol(i);
      if (s == 1) {
        buf[at++] = (byte) f.deltaTicks(d++);
      } else if (s == 2) {
        BigEndian.put16(buf, at, f.deltaTicks(d++));
        at += 2;
      }
    }
    if (pad > 0) {
      Arrays.fill(buf, at, off + len - 1, (byte) 0);
      buf[off + len - 1] = (byte) pad;
    }
    return len;
  }
}
