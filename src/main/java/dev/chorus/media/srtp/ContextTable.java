package dev.chorus.media.srtp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Crypto contexts by SSRC, least recently used first out once {@code capacity} is reached, so a
 * peer cycling through SSRCs cannot grow it without bound.
 *
 * <p>Not thread-safe by itself: callers hold its monitor ({@code synchronized (table)}) around
 * every call, which also lets them create and insert a context atomically.
 */
final class ContextTable<C> {
  private final Map<Integer, C> contexts;

  ContextTable(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    this.contexts =
        new LinkedHashMap<>(Math.min(capacity, 16), 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Integer, C> eldest) {
            return size() > capacity;
          }
        };
  }

  C get(int ssrc) {
    return contexts.get(ssrc);
  }

  void put(int ssrc, C context) {
    contexts.put(ssrc, context);
  }

  void remove(int ssrc) {
    contexts.remove(ssrc);
  }

  int size() {
    return contexts.size();
  }

  /** {@link #size()} under this table's monitor, for counters read from outside the packet path. */
  int sizeLocked() {
    synchronized (this) {
      return contexts.size();
    }
  }

  void clear() {
    contexts.clear();
  }
}
