package dev.chorus.signaling;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Lets at most one typing notice per second through for each sender and recipient. */
@ApplicationScoped
public class TypingThrottle {
  static final long INTERVAL_NANOS = 1_000_000_000L;

  private final Map<String, Long> last = new ConcurrentHashMap<>();

  boolean allow(String from, String to) {
    long now = System.nanoTime();
    var key = from + ">" + to;
    var allowed = new boolean[1];
    last.compute(
        key,
        (k, previous) -> {
          allowed[0] = previous == null || now - previous >= INTERVAL_NANOS;
          return allowed[0] ? now : previous;
        });
    if (last.size() > 50_000) {
      last.values().removeIf(t -> now - t > INTERVAL_NANOS);
    }
    return allowed[0];
  }
}
