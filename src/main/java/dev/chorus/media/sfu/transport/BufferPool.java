package dev.chorus.media.sfu.transport;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small lock-free pool of equal-sized packet buffers, so the send path allocates nothing in the
 * steady state. {@link #acquire()} never blocks: when every pooled buffer is out (more concurrent
 * senders than slots) it allocates a fresh one, which {@link #release} then keeps if a slot is free
 * or leaves to the garbage collector.
 */
final class BufferPool {
  private final AtomicReferenceArray<byte[]> slots;
  private final int bufferSize;

  BufferPool(int slots, int bufferSize) {
    if (slots < 1 || bufferSize < 1) {
      throw new IllegalArgumentException("slots and bufferSize must be positive");
    }
    this.slots = new AtomicReferenceArray<>(slots);
    this.bufferSize = bufferSize;
  }

  int bufferSize() {
    return bufferSize;
  }

  byte[] acquire() {
    for (int i = 0; i < slots.length(); i++) {
      byte[] buf = slots.getAndSet(i, null);
      if (buf != null) {
        return buf;
      }
    }
    return new byte[bufferSize];
  }

  void release(byte[] buf) {
    if (buf == null || buf.length != bufferSize) {
      return;
    }
    for (int i = 0; i < slots.length(); i++) {
      if (slots.get(i) == null && slots.compareAndSet(i, null, buf)) {
        return;
      }
    }
  }
}
