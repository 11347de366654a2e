package dev.chorus.admin.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * A total over things that come and go (the NACKs of every consumer, say), that never goes back
 * when one of them goes: the last value read of each one that disappeared is kept. Prometheus
 * counters must only grow; summing the live producers and consumers alone would drop whenever a
 * room's media closed. Increments between a thing's last read and its end are not seen. Holds one
 * entry per live thing only. Not thread-safe: the caller reads under its own lock.
 */
final class MonotonicSum {
  private final Map<String, Long> last = new HashMap<>();
  private long gone;

  /**
   * Takes the current value of every live thing by id and returns the total since the start.
   *
   * @param current value by id of the things alive now
   */
  long update(Map<String, Long> current) {
    for (var it = last.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (!current.containsKey(e.getKey())) {
        gone += e.getValue();
        it.remove();
      }
    }
    long total = gone;
    for (var e : current.entrySet()) {
      // A counter of one thing never goes back either; keep the largest value seen.
      long value = Math.max(e.getValue(), last.getOrDefault(e.getKey(), 0L));
      last.put(e.getKey(), value);
      total += value;
    }
    return total;
  }
}
