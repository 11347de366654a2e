package dev.chorus.bench.sockets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * When each occupant received each room message ({@code System.nanoTime} of the bench's JVM, on the
 * socket's callback thread), against when the sender handed it to its socket: arrival − send is the
 * delivery time through the server (validate, store, fan out, one loopback hop, TLS both ways).
 */
final class Deliveries {
  private static final String MARK = "\"text\":\"fanout ";
  final long[] sentNanos;
  private final long[][] arrivals;

  Deliveries(int occupants, int messages) {
    sentNanos = new long[messages];
    arrivals = new long[occupants][messages];
  }

  /** A frame to occupant {@code occupant}: if it is a bench room.message, its arrival counts. */
  void onFrame(int occupant, String frame) {
    long now = System.nanoTime();
    if (!frame.startsWith("{\"type\":\"room.message\"")) {
      return;
    }
    int at = frame.indexOf(MARK);
    if (at < 0) {
      return;
    }
    int from = at + MARK.length();
    int to = frame.indexOf('"', from);
    int k = Integer.parseInt(frame.substring(from, to));
    if (k >= 0 && k < sentNanos.length && arrivals[occupant][k] == 0) {
      arrivals[occupant][k] = now;
    }
  }

  /** Whether every occupant {@code counted} has every message in [from, to). */
  boolean complete(int from, int to, IntPredicate counted) {
    for (int o = 0; o < arrivals.length; o++) {
      if (!counted.test(o)) {
        continue;
      }
      for (int k = from; k < to; k++) {
        if (arrivals[o][k] == 0) {
          return false;
        }
      }
    }
    return true;
  }

  /** Messages [from, to) over the occupants {@code counted}. */
  Summary summary(int from, int to, IntPredicate counted) {
    var all = new ArrayList<Long>();
    var lastPerMessage = new long[to - from];
    long expected = 0;
    long lost = 0;
    for (int k = from; k < to; k++) {
      long last = 0;
      for (int o = 0; o < arrivals.length; o++) {
        if (!counted.test(o)) {
          continue;
        }
        expected++;
        long a = arrivals[o][k];
        if (a == 0) {
          lost++;
          continue;
        }
        long d = a - sentNanos[k];
        all.add(d);
        last = Math.max(last, d);
      }
      lastPerMessage[k - from] = last;
    }
    var sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Summary(expected, lost, sorted, lastPerMessage);
  }

  /** Deliveries of a set of messages: per delivery, and per message the last occupant's. */
  record Summary(long expected, long lost, long[] sorted, long[] lastPerMessage) {
    String deliveries() {
      return String.format(
          "%d of %d delivered, %d lost; p50 %.1f ms, p99 %.1f ms, max %.1f ms",
          expected - lost,
          expected,
          lost,
          Fleet.percentile(sorted, 50) / 1e6,
          Fleet.percentile(sorted, 99) / 1e6,
          sorted.length == 0 ? -1 : sorted[sorted.length - 1] / 1e6);
    }

    String lastOccupant() {
      var s = lastPerMessage.clone();
      Arrays.sort(s);
      List<String> each = new ArrayList<>();
      for (long v : lastPerMessage) {
        each.add(String.format("%.0f", v / 1e6));
      }
      return String.format(
          "median %.1f ms, max %.1f ms; each message in order (ms): %s",
          Fleet.percentile(s, 50) / 1e6,
          s.length == 0 ? -1 : s[s.length - 1] / 1e6,
          String.join(" ", each));
    }
  }
}
