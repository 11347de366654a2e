package dev.chorus.media.sfu;

import java.util.List;
import java.util.Random;

/**
 * The random RTP identifiers of one {@link Router}: SSRCs unique on a transport, and where each
 * consumer's sequence numbers and timestamps start (RFC 3550 §5.1 wants both random). One random
 * source, so a router made with a seeded one hands out the same numbers in the same order.
 */
final class SsrcAllocator {
  private final Random random;

  SsrcAllocator(Random random) {
    this.random = random;
  }

  /**
   * @throws IllegalArgumentException if an SSRC (or RTX SSRC) of {@code encodings} is in use on
   *     {@code transport}
   */
  static void checkUnused(RouterTransport transport, List<Encoding> encodings) {
    for (Encoding e : encodings) {
      for (long ssrc : new long[] {e.ssrc(), e.rtxSsrc()}) {
        if (ssrc != 0 && transport.usesSsrc(ssrc)) {
          throw new IllegalArgumentException("SSRC already in use on the transport: " + ssrc);
        }
      }
    }
  }

  /** An SSRC neither in use on {@code transport} nor equal to {@code alsoAvoid}. */
  long newSsrc(RouterTransport transport, long alsoAvoid) {
    long ssrc;
    do {
      ssrc = nonZeroSsrc();
    } while (ssrc == alsoAvoid || transport.usesSsrc(ssrc));
    return ssrc;
  }

  long nonZeroSsrc() {
    long ssrc;
    do {
      ssrc = random.nextInt() & 0xFFFF_FFFFL;
    } while (ssrc == 0);
    return ssrc;
  }

  /** A random first RTP sequence number. */
  int sequenceStart() {
    return random.nextInt(1 << 16);
  }

  /** A random first RTP timestamp. */
  long timestampStart() {
    return random.nextInt() & 0xFFFF_FFFFL;
  }
}
