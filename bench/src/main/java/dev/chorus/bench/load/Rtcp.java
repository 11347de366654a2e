package dev.chorus.bench.load;

/** The RTCP the bench's peers send: sender reports and receiver reports (RFC 3550 §6.4). */
final class Rtcp {
  private static final long NTP_EPOCH_OFFSET = 2_208_988_800L;

  private Rtcp() {}

  static long ntpNow() {
    long ms = System.currentTimeMillis();
    long seconds = ms / 1000 + NTP_EPOCH_OFFSET;
    long fraction = ((ms % 1000) << 32) / 1000;
    return (seconds << 32) | fraction;
  }

  /** An SR without report blocks; its length in bytes. */
  static int senderReport(byte[] b, long ssrc, long ntp, long rtpTs, long packets, long octets) {
    b[0] = (byte) 0x80;
    b[1] = (byte) 200;
    b[2] = 0;
    b[3] = 6;
    put(b, 4, ssrc);
    put(b, 8, ntp >>> 32);
    put(b, 12, ntp);
    put(b, 16, rtpTs);
    put(b, 20, packets);
    put(b, 24, octets);
    return 28;
  }

  /** One report block of a receiver report. */
  record Block(long ssrc, long lost, int highestSeq) {}

  /** An RR from {@code ssrc} with up to 31 blocks; its length in bytes. */
  static int receiverReport(byte[] b, long ssrc, java.util.List<Block> blocks) {
    int count = Math.min(31, blocks.size());
    int words = 1 + count * 6;
    b[0] = (byte) (0x80 | count);
    b[1] = (byte) 201;
    b[2] = (byte) (words >>> 8);
    b[3] = (byte) words;
    put(b, 4, ssrc);
    int at = 8;
    for (int i = 0; i < count; i++) {
      var block = blocks.get(i);
      put(b, at, block.ssrc());
      put(b, at + 4, Math.min(0x7FFFFF, Math.max(0, block.lost()))); // fraction lost 0
      put(b, at + 8, block.highestSeq() & 0xFFFFFFFFL);
      put(b, at + 12, 0); // jitter
      put(b, at + 16, 0); // LSR
      put(b, at + 20, 0); // DLSR
      at += 24;
    }
    return at;
  }

  private static void put(byte[] b, int at, long v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
