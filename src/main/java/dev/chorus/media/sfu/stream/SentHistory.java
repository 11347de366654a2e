package dev.chorus.media.sfu.stream;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What a consumer sent under each of its recent sequence numbers, so that a subscriber's NACK
 * (which names the consumer's numbers) can be answered from the producer's {@link
 * RetransmissionCache} (which knows the publisher's): per outgoing sequence number the source layer
 * and sequence number, and the timestamp and VP8 picture numbering offsets applied.
 *
 * <p>One thread records (the producer's packet thread), another looks up (the subscriber's). An
 * entry is two longs; the lookup reads the first, then the second, then the first again, and
 * accepts only if it did not change meanwhile (a seqlock in miniature), so it never pairs halves of
 * two packets.
 */
public final class SentHistory {
  /** A resolved entry. */
  public record Entry(int layer, int sourceSeq, long timestamp, int pictureIdDelta, int tl0Delta) {}

  private static final long VALID = 1L << 62;

  private final AtomicLongArray keys;
  private final AtomicLongArray values;
  private final int mask;

  public SentHistory(int size) {
    if (size < 1 || Integer.bitCount(size) != 1) {
      throw new IllegalArgumentException("size must be a power of two: " + size);
    }
    keys = new AtomicLongArray(size);
    values = new AtomicLongArray(size);
    mask = size - 1;
  }

  public void record(
      int outSeq, int layer, int sourceSeq, long timestamp, int pictureIdDelta, int tl0Delta) {
    int i = outSeq & mask;
    long key = VALID | ((long) (layer & 0xFF) << 32) | ((long) sourceSeq << 16) | outSeq;
    long value =
        ((timestamp & 0xFFFF_FFFFL) << 32)
            | ((long) (pictureIdDelta & 0x7FFF) << 8)
            | (tl0Delta & 0xFF);
    keys.set(i, 0); // invalid while the pair is inconsistent
    values.set(i, value);
    keys.set(i, key);
  }

  /** The entry for {@code outSeq}, or null if it was overwritten or never recorded. */
  public Entry lookup(int outSeq) {
    int i = outSeq & mask;
    long key = keys.get(i);
    if ((key & VALID) == 0 || (key & 0xFFFF) != outSeq) {
      return null;
    }
    long value = values.get(i);
    if (keys.get(i) != key) {
      return null;
    }
    return new Entry(
        (int) ((key >>> 32) & 0xFF),
        (int) ((key >>> 16) & 0xFFFF),
        value >>> 32,
        (int) ((value >>> 8) & 0x7FFF),
        (int) (value & 0xFF));
  }
}
