package dev.chorus.media.sfu.stream;

/**
 * The last packets of one incoming video stream, by sequence number, so that NACKs from subscribers
 * (<a href="https://www.rfc-editor.org/rfc/rfc4585#section-6.2.1">RFC 4585 §6.2.1</a>) are answered
 * by the SFU instead of the publisher, as Jitsi's PacketCache does.
 *
 * <p>Bounded twice: {@code slots} packets (a power of two; slot = sequence number mod slots, so a
 * newer packet overwrites the one {@code slots} before it) and {@code maxAgeNanos} (an older packet
 * is useless: the subscriber's jitter buffer has moved on). Memory is about {@code slots} times the
 * largest packet seen; a slot's array is allocated on first use and reused afterwards.
 *
 * <p>One thread stores (the publisher's packet thread); any thread may read. Each slot has its own
 * tiny monitor, held for one copy, so a reader never sees half a packet and the writer waits only
 * if a reader is copying that very slot.
 */
public final class RetransmissionCache {
  private static final int MIN_SLOT_BYTES = 1280;

  private static final class Slot {
    byte[] data;
    int length;
    int seq = -1;
    long storedAt;
  }

  private final Slot[] slots;
  private final int mask;
  private final long maxAgeNanos;

  public RetransmissionCache(int slots, long maxAgeNanos) {
    if (slots < 1 || Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two: " + slots);
    }
    this.slots = new Slot[slots];
    for (int i = 0; i < slots; i++) {
      this.slots[i] = new Slot();
    }
    this.mask = slots - 1;
    this.maxAgeNanos = maxAgeNanos;
  }

  public int capacity() {
    return slots.length;
  }

  /** Copies a packet in, replacing whatever had its slot. */
  public void store(int seq, byte[] buf, int off, int len, long now) {
    Slot slot = slots[seq & mask];
    synchronized (slot) {
      if (slot.data == null || slot.data.length < len) {
        slot.data = new byte[Math.max(len, MIN_SLOT_BYTES)];
      }
      System.arraycopy(buf, off, slot.data, 0, len);
      slot.length = len;
      slot.seq = seq;
      slot.storedAt = now;
    }
  }

  /**
   * Copies packet {@code seq} to {@code dst[dstOff]} if it is cached, fresh enough and fits.
   *
   * @return its length, or -1 on a miss
   */
  public int copy(int seq, long now, byte[] dst, int dstOff) {
    Slot slot = slots[seq & mask];
    synchronized (slot) {
      if (slot.seq != seq || now - slot.storedAt > maxAgeNanos) {
        return -1;
      }
      if (slot.length > dst.length - dstOff) {
        return -1;
      }
      System.arraycopy(slot.data, 0, dst, dstOff, slot.length);
      return slot.length;
    }
  }
}
