package dev.chorus.media.sfu.bwe;

import java.util.ArrayList;
import java.util.List;

/**
 * Shares one subscriber's downlink among its simulcast consumers: from the subscriber's REMB (<a
 * href="https://datatracker.ietf.org/doc/html/draft-alvestrand-rmcat-remb-03">
 * draft-alvestrand-rmcat-remb-03</a>) it sets each consumer's target layer, which the consumer then
 * switches to at the next key frame of that layer.
 *
 * <ul>
 *   <li>Budget: the estimate minus what the subscriber's other consumers (audio, single-layer
 *       video) currently take. Layer costs are the publisher's measured layer bitrates.
 *   <li>Over budget (estimate below 90 % of what the targets cost): allocate afresh, greedily:
 *       every consumer starts at its lowest live layer and, round robin, each moves up one layer
 *       while the budget allows, up to its preferred layer. The next probe waits twice as long (up
 *       to {@link #MAX_PROBE_INTERVAL_NANOS}).
 *   <li>Within budget: upgrades that fit the estimate are made. Since a browser's REMB hardly
 *       exceeds 1.5 times what it receives, the estimate alone would never let a consumer climb
 *       from a 150 kbit/s layer to a 500 kbit/s one; so when nothing went wrong for the probe
 *       interval ({@link #MIN_PROBE_INTERVAL_NANOS} at first), one consumer goes one layer up on
 *       trust, and falls back if the estimate then drops.
 * </ul>
 *
 * A heuristic, not a congestion controller: the router sends no probing padding and no transport-cc
 * to subscribers. Without any REMB the targets stay at the preferred layers. Runs on the subscriber
 * transport's packet thread.
 */
public final class LayerAllocator {
  static final long MIN_PROBE_INTERVAL_NANOS = 8_000_000_000L;
  static final long MAX_PROBE_INTERVAL_NANOS = 64_000_000_000L;
  private static final double OVER_BUDGET = 0.9;

  private long probeInterval = MIN_PROBE_INTERVAL_NANOS;
  private long lastChange;
  private boolean changedAny;
  private boolean lastWasUpgrade;
  private volatile long estimate = -1;

  /** The subscriber's last REMB, bits/s; -1 before the first. */
  public long estimate() {
    return estimate;
  }

  /** Re-targets the simulcast consumers for a new estimate. */
  public void onEstimate(long bitrate, LayeredConsumer[] consumers, long now) {
    estimate = bitrate;
    List<LayeredConsumer> simulcast = new ArrayList<>();
    long fixed = 0;
    for (LayeredConsumer c : consumers) {
      if (c.isClosed() || c.isPaused()) {
        continue;
      }
      if (c.isSimulcast()) {
        simulcast.add(c);
      } else {
        fixed += c.layerBitrate(0, now);
      }
    }
    if (simulcast.isEmpty()) {
      return;
    }
    long budget = bitrate - fixed;
    int[] layers = new int[simulcast.size()];
    long cost = 0;
    for (int i = 0; i < layers.length; i++) {
      LayeredConsumer c = simulcast.get(i);
      layers[i] = Math.min(c.targetLayer(), c.preferredLayer());
      cost += layerCost(c, layers[i], now);
    }
    if (changedAny && now - lastChange > MAX_PROBE_INTERVAL_NANOS) {
      probeInterval = MIN_PROBE_INTERVAL_NANOS; // stable for long: probe eagerly again
    }
    if (budget < cost * OVER_BUDGET) {
      allocate(simulcast, layers, budget, now);
      if (lastWasUpgrade && now - lastChange < probeInterval) {
        probeInterval = Math.min(probeInterval * 2, MAX_PROBE_INTERVAL_NANOS);
      }
      mark(now, false);
    } else if (upgradeWithin(simulcast, layers, budget - cost, now)) {
      mark(now, true);
    } else if ((!changedAny || now - lastChange >= probeInterval)
        && probe(simulcast, layers, now)) {
      mark(now, true);
    }
    for (int i = 0; i < layers.length; i++) {
      simulcast.get(i).setTargetLayer(layers[i]);
    }
  }

  private void mark(long now, boolean upgrade) {
    changedAny = true;
    lastChange = now;
    lastWasUpgrade = upgrade;
  }

  /** How long the allocator now waits between probes. */
  long probeInterval() {
    return probeInterval;
  }

  /** Greedy allocation from the lowest layers. */
  private static void allocate(
      List<LayeredConsumer> consumers, int[] layers, long budget, long now) {
    long left = budget;
    for (int i = 0; i < layers.length; i++) {
      layers[i] = lowestLive(consumers.get(i), now);
      left -= layerCost(consumers.get(i), layers[i], now);
    }
    upgradeWithin(consumers, layers, left, now);
  }

  /** Round-robin one-layer upgrades while they fit {@code left}; true if any was made. */
  private static boolean upgradeWithin(
      List<LayeredConsumer> consumers, int[] layers, long left, long now) {
    boolean any = false;
    boolean progress = true;
    while (progress) {
      progress = false;
      for (int i = 0; i < layers.length; i++) {
        LayeredConsumer c = consumers.get(i);
        int next = nextLive(c, layers[i], now);
        if (next < 0) {
          continue;
        }
        long extra = layerCost(c, next, now) - layerCost(c, layers[i], now);
        if (extra <= left) {
          left -= extra;
          layers[i] = next;
          progress = true;
          any = true;
        }
      }
    }
    return any;
  }

  /** One layer up for the consumer on the lowest layer that can still go up. */
  private static boolean probe(List<LayeredConsumer> consumers, int[] layers, long now) {
    int best = -1;
    for (int i = 0; i < layers.length; i++) {
      if (nextLive(consumers.get(i), layers[i], now) >= 0
          && (best < 0 || layers[i] < layers[best])) {
        best = i;
      }
    }
    if (best < 0) {
      return false;
    }
    layers[best] = nextLive(consumers.get(best), layers[best], now);
    return true;
  }

  /** The next live layer above {@code layer} within the preference, or -1. */
  private static int nextLive(LayeredConsumer c, int layer, long now) {
    for (int l = layer + 1; l <= c.preferredLayer(); l++) {
      if (c.isLayerActive(l, now)) {
        return l;
      }
    }
    return -1;
  }

  private static int lowestLive(LayeredConsumer c, long now) {
    for (int l = 0; l <= c.preferredLayer(); l++) {
      if (c.isLayerActive(l, now)) {
        return l;
      }
    }
    return 0;
  }

  private static long layerCost(LayeredConsumer c, int layer, long now) {
    return c.layerBitrate(layer, now);
  }
}
