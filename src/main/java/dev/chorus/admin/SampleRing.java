package dev.chorus.admin;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The last {@code capacity} samples, oldest first: adding one to a full ring drops the oldest, so
 * the memory it holds is fixed however long the server runs. Safe for one writer and many readers.
 */
final class SampleRing<T> {
  private final int capacity;
  private final ArrayDeque<T> items;

  SampleRing(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
    this.items = new ArrayDeque<>(capacity);
  }

  synchronized void add(T item) {
    if (items.size() == capacity) {
      items.removeFirst();
    }
    items.addLast(item);
  }

  /** A copy, oldest first. */
  synchronized List<T> all() {
    return List.copyOf(items);
  }

  /** The newest sample, or null before the first. */
  synchronized T latest() {
    return items.peekLast();
  }

  int capacity() {
    return capacity;
  }
}
