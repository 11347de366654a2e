package dev.chorus.media.sfu.transport;

import java.util.Arrays;
import java.util.Random;

/**
 * Deterministic junk datagrams for robustness tests: random bytes whose first byte falls in a
 * chosen RFC 7983 range (so the demultiplexer sends them down a particular path), and damaged
 * copies of real packets.
 */
public final class Garbage {
  private final Random random;

  public Garbage(long seed) {
    this.random = new Random(seed);
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** 0 to 1500 random bytes. */
  byte[] anything() {
    return bytes(random.nextInt(1501));
  }

  /** First byte 128-191 (RTP/RTCP, RFC 7983), second byte random: RTP or RTCP by RFC 5761. */
  byte[] rtpRange() {
    byte[] b = bytes(2 + random.nextInt(1300));
    b[0] = (byte) (128 + random.nextInt(64));
    return b;
  }

  /** An RTCP-looking header: V=2, packet type 200-206, then random. */
  byte[] rtcpRange() {
    byte[] b = bytes(4 + random.nextInt(200));
    b[0] = (byte) (0x80 | random.nextInt(32));
    b[1] = (byte) (200 + random.nextInt(7));
    return b;
  }

  /** First byte 20-63 (DTLS). */
  byte[] dtlsRange() {
    byte[] b = bytes(1 + random.nextInt(400));
    b[0] = (byte) (20 + random.nextInt(44));
    return b;
  }

  /**
   * A well-framed DTLS 1.2 record (RFC 6347 §4.1) of the given content type and epoch with a random
   * body, as an attacker who knows the framing but not the keys would send.
   */
  public byte[] dtlsRecord(int contentType, int epoch) {
    int bodyLength = 16 + random.nextInt(64);
    byte[] b = bytes(13 + bodyLength);
    b[0] = (byte) contentType;
    b[1] = (byte) 0xFE;
    b[2] = (byte) 0xFD;
    b[3] = (byte) (epoch >>> 8);
    b[4] = (byte) epoch;
    b[5] = 0;
    b[6] = 0;
    b[11] = (byte) (bodyLength >>> 8);
    b[12] = (byte) bodyLength;
    return b;
  }

  /** First byte 0-3 (STUN) with random rest. */
  byte[] stunRange() {
    byte[] b = bytes(1 + random.nextInt(300));
    b[0] = (byte) random.nextInt(4);
    return b;
  }

  /** First byte outside every RFC 7983 range: 4-19, 64-127 or 192-255. */
  byte[] unknownRange() {
    byte[] b = bytes(1 + random.nextInt(300));
    int pick = random.nextInt(16 + 64 + 64);
    b[0] = (byte) (pick < 16 ? 4 + pick : pick < 80 ? 64 + pick - 16 : 192 + pick - 80);
    return b;
  }

  /** {@code real} cut to 1 .. length-1 bytes. */
  byte[] truncated(byte[] real) {
    return Arrays.copyOf(real, 1 + random.nextInt(real.length - 1));
  }

  /** {@code real} with one random bit flipped after the 12-byte header. */
  byte[] flipped(byte[] real) {
    byte[] b = real.clone();
    int at = 12 + random.nextInt(b.length - 12);
    b[at] ^= (byte) (1 << random.nextInt(8));
    return b;
  }

  private byte[] bytes(int length) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return b;
  }
}
