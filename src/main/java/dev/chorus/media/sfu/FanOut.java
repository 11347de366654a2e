package dev.chorus.media.sfu;

import dev.chorus.media.rtp.RtpPacket;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * One producer's consumers, and on which thread each is forwarded: the last step of the forward
 * path ({@link Producer#onRtp}).
 *
 * <p>Up to {@link #SPREAD_FROM} consumers are forwarded inline, on the publisher's packet thread,
 * one after the other: for a small room a hand-off would cost more than it saves. Past that, each
 * new consumer goes to whichever has fewest of the inline share and the {@link FanOutLane}s (one
 * per further thread of the engine's packet pool), and stays there for its life, so its packets
 * keep their order and its state one thread at a time. The lanes get their copy before the inline
 * share is forwarded, so with 200 subscribers on 2 threads the last one waits for about 100 sends
 * instead of 199 (the latency of a big room), and a machine with more cores shares it wider.
 *
 * <p>Without a pool (a router over plain sinks, a borrowed single thread) everything is inline.
 */
final class FanOut {
  /** Consumers forwarded inline before the pool takes a share. */
  static final int SPREAD_FROM = 32;

  private static final Consumer[] NONE = new Consumer[0];
  private static final FanOutLane[] NO_LANES = new FanOutLane[0];

  /**
   * Where lanes run: the engine's packet pool and its number of threads.
   *
   * @param threads threads of {@code executor}; 1 means no lanes
   */
  record Pool(Executor executor, int threads) {
    Pool {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1: " + threads);
      }
    }
  }

  private final FanOutLane[] lanes;
  private volatile Consumer[] all = NONE;
  private volatile Consumer[] inline = NONE;

  /**
   * @param pool where lanes run, or null for inline only
   */
  FanOut(Pool pool) {
    if (pool == null || pool.threads() < 2) {
      lanes = NO_LANES;
    } else {
      lanes = new FanOutLane[pool.threads() - 1];
      for (int i = 0; i < lanes.length; i++) {
        lanes[i] = new FanOutLane(pool.executor());
      }
    }
  }

  /** On the publisher's packet thread: every consumer gets {@code p}. */
  void forward(ProducerStream s, RtpPacket p, boolean keyframe, long now, PacketScratch scratch) {
    for (FanOutLane lane : lanes) {
      lane.offer(s, p, keyframe, now);
    }
    for (Consumer c : inline) {
      c.forward(s, p, keyframe, now, scratch);
    }
  }

  synchronized void add(Consumer c) {
    all = CopyOnWriteArrays.append(all, c);
    FanOutLane fewest = null;
    int fewestSize = inline.length;
    if (all.length > SPREAD_FROM) {
      for (FanOutLane lane : lanes) {
        if (lane.size() < fewestSize) {
          fewest = lane;
          fewestSize = lane.size();
        }
      }
    }
    if (fewest == null) {
      inline = CopyOnWriteArrays.append(inline, c);
    } else {
      fewest.add(c);
    }
  }

  synchronized void remove(Consumer c) {
    all = CopyOnWriteArrays.remove(all, c);
    inline = CopyOnWriteArrays.remove(inline, c);
    for (FanOutLane lane : lanes) {
      lane.remove(c);
    }
  }

  synchronized void clear() {
    all = NONE;
    inline = NONE;
    for (FanOutLane lane : lanes) {
      lane.clear();
    }
  }

  List<Consumer> all() {
    return List.of(all);
  }

  int size() {
    return all.length;
  }

  /** How many consumers are forwarded inline and on each lane, for tests. */
  synchronized int[] shares() {
    int[] shares = new int[lanes.length + 1];
    shares[0] = inline.length;
    for (int i = 0; i < lanes.length; i++) {
      shares[i + 1] = lanes[i].size();
    }
    return shares;
  }
}
