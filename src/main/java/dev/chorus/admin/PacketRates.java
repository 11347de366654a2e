package dev.chorus.admin;

import java.util.HashMap;
import java.util.Map;

/**
 * Packets per second from the counters of the transports open now. A transport's counters start at
 * zero and vanish when it closes, so the rate is the sum of each transport's growth since the last
 * reading (a new transport counts from zero; a closed one drops out), divided by the time between
 * readings. Used by one thread (the sampler) only.
 */
final class PacketRates {
  /** Cumulative counters of one transport. */
  record Totals(long packetsIn, long packetsOut) {}

  /** Packets per second in and out over the last interval. */
  record Rates(long packetsIn, long packetsOut) {
    static final Rates NONE = new Rates(0, 0);
  }

  private Map<String, Totals> previous = Map.of();
  private long previousNanos;
  private boolean started;

  /** The rates since the last call (zero on the first), given every open transport's totals. */
  Rates update(Map<String, Totals> now, long nowNanos) {
    long in = 0;
    long out = 0;
    for (var e : now.entrySet()) {
      var before = previous.getOrDefault(e.getKey(), new Totals(0, 0));
      // A counter never shrinks for the same transport; guard anyway so a rate is never negative.
      in += Math.max(0, e.getValue().packetsIn() - before.packetsIn());
      out += Math.max(0, e.getValue().packetsOut() - before.packetsOut());
    }
    var elapsedNanos = nowNanos - previousNanos;
    var first = !started;
    started = true;
    previous = new HashMap<>(now);
    previousNanos = nowNanos;
    if (first || elapsedNanos <= 0) {
      return Rates.NONE;
    }
    return new Rates(Math.round(in * 1e9 / elapsedNanos), Math.round(out * 1e9 / elapsedNanos));
  }
}
