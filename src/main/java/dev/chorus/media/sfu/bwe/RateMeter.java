package dev.chorus.media.sfu.bwe;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Bytes per second over the last second, in ten 100 ms buckets. One thread writes ({@link #add});
 * any thread may read ({@link #bitsPerSecond}) without a lock and without disturbing the writer: a
 * reader may see a bucket a moment old, which is fine for stats and layer choice.
 */
public final class RateMeter {
  private static final int BUCKETS = 10;
  private static final long BUCKET_NANOS = 100_000_000L;

  /** Per bucket: its index in time (now / BUCKET_NANOS) and the bytes counted in it. */
  private final AtomicLongArray epochs = new AtomicLongArray(BUCKETS);

  private final AtomicLongArray bytes = new AtomicLongArray(BUCKETS);

  public RateMeter() {
    for (int i = 0; i < BUCKETS; i++) {
      epochs.set(i, Long.MIN_VALUE);
    }
  }

  public void add(long now, int count) {
    long epoch = Math.floorDiv(now, BUCKET_NANOS);
    int i = Math.floorMod(epoch, BUCKETS);
    if (epochs.get(i) != epoch) {
      bytes.lazySet(i, count);
      epochs.lazySet(i, epoch);
    } else {
      bytes.lazySet(i, bytes.get(i) + count);
    }
  }

  /** Bits per second over the second before {@code now}. */
  public long bitsPerSecond(long now) {
    long current = Math.floorDiv(now, BUCKET_NANOS);
    long sum = 0;
    for (int i = 0; i < BUCKETS; i++) {
      long epoch = epochs.get(i);
      if (epoch > current - BUCKETS && epoch <= current) {
        sum += bytes.get(i);
      }
    }
    return sum * 8;
  }
}
