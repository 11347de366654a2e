package dev.chorus.bench.load;

import java.io.IOException;
import java.util.ArrayList;

/**
 * One measurement window of a run: after every subscriber receives video and the warm-up, the
 * server's and the bench's CPU, what the publishers sent and the subscribers received are taken at
 * the start and the end of the window; latency is recorded only inside it. Receive ratios count the
 * stamps sent inside the window that arrived (late ones get half a second more).
 */
final class Measurement {
  private Measurement() {}

  static Result measure(Run run, String mode, int n, LoadBench.Options options) throws Exception {
    long waitUntil = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < waitUntil
        && run.subscribers.stream().anyMatch(s -> s.videoPackets == 0)) {
      Thread.sleep(100);
    }
    long silent = run.subscribers.stream().filter(s -> s.videoPackets == 0).count();
    if (silent > 0) {
      LoadBench.log(
          "%d of %d subscribers received no video within 30 s", silent, run.subscribers.size());
    }
    Thread.sleep(options.warmup().toMillis());
    checkFailures(run);

    int pubs = run.publishers.size();
    int layers = run.publishers.get(0).layers;
    long[][] v0 = new long[pubs][layers];
    long[] a0 = new long[pubs];
    long[] r0 = new long[run.subscribers.size()];
    for (var l : run.loops) {
      l.latency.clear();
      l.latency.on = true;
    }
    long[] events0 = events(run);
    long udpDrops0 = ProcessStats.udpReceiveBufferErrors();
    long server0 = ProcessStats.cpuNanos(options.pid());
    long[] groups0 = ProcessStats.cpuNanosByGroup(options.pid());
    long self0 = ProcessStats.cpuNanos(ProcessHandle.current().pid());
    long t0 = System.nanoTime();
    snapshot(run, v0, a0, r0);
    // A profiler attached from outside keys on this line (bench/README.md, "Profiling").
    LoadBench.log("window starts: %d s", options.window().toSeconds());
    Thread.sleep(options.window().toMillis());
    long[][] v1 = new long[pubs][layers];
    long[] a1 = new long[pubs];
    long[] r1 = new long[run.subscribers.size()];
    snapshot(run, v1, a1, r1);
    long server1 = ProcessStats.cpuNanos(options.pid());
    long[] groups1 = ProcessStats.cpuNanosByGroup(options.pid());
    long udpDrops1 = ProcessStats.udpReceiveBufferErrors();
    long[] events1 = events(run);
    long self1 = ProcessStats.cpuNanos(ProcessHandle.current().pid());
    long t1 = System.nanoTime();
    for (var l : run.loops) {
      l.latency.on = false;
    }
    Thread.sleep(500);
    checkFailures(run);

    long delivered = 0;
    for (int i = 0; i < r0.length; i++) {
      delivered += r1[i] - r0[i];
    }
    var ratios = new ArrayList<Double>();
    for (var sub : run.subscribers) {
      long expected = 0;
      long got = 0;
      for (var pub : run.publishers) {
        // in a meeting a participant does not receive its own media
        if (sub.name.equals("lb-pub-" + pub.index)) {
          continue;
        }
        int p = pub.index;
        expected += a1[p] - a0[p];
        got += sub.arrivedIn(Stamp.audio(p), a0[p], a1[p]);
        // simulcast: the SFU forwards one layer per subscriber; take the one that came
        int bestGot = -1;
        long bestExpected = 0;
        for (int l = 0; l < layers; l++) {
          int g = sub.arrivedIn(Stamp.video(p, l), v0[p][l], v1[p][l]);
          if (g > bestGot) {
            bestGot = g;
            bestExpected = v1[p][l] - v0[p][l];
          }
        }
        expected += bestExpected;
        got += bestGot;
      }
      double ratio = expected == 0 ? 0 : (double) got / expected;
      ratios.add(ratio);
      if (ratio < 0.999) {
        // Which subscriber fell short, and whether it got nothing at all (a dead transport) or
        // only lost some (the network, a full buffer).
        LoadBench.log(
            "%s received %d of %d in the window (%.4f); %d RTP, %d RTCP, %d offers answered in"
                + " all",
            sub.name, got, expected, ratio, sub.rtpPackets, sub.rtcpPackets, sub.offersAnswered);
      }
    }
    var latency = new long[ReceiveLoop.Latency.BUCKETS + 1];
    for (var l : run.loops) {
      for (int i = 0; i < latency.length; i++) {
        latency[i] += l.latency.counts[i];
      }
    }
    long gaps = events1[0] - events0[0];
    long disorder = events1[1] - events0[1];
    long undecryptable = events1[2] - events0[2];
    long keyframes = events1[3] - events0[3];
    long nacks = events1[4] - events0[4];
    double seconds = (t1 - t0) / 1e9;
    var result =
        new Result(
            mode,
            n,
            pubs,
            run.subscribers.size(),
            seconds,
            delivered,
            (server1 - server0) / 1000.0 / Math.max(1, delivered),
            (groups1[0] - groups0[0]) / 1000.0 / Math.max(1, delivered),
            (groups1[1] - groups0[1]) / 1e9 / seconds * 100,
            (groups1[2] - groups0[2]) / 1e9 / seconds * 100,
            (server1 - server0) / 1e9 / seconds * 100,
            (self1 - self0) / 1e9 / seconds * 100,
            ratios.stream().mapToDouble(Double::doubleValue).average().orElse(0),
            ratios.stream().mapToDouble(Double::doubleValue).min().orElse(0),
            percentile(latency, 0.50),
            percentile(latency, 0.99),
            ProcessStats.heapUsedKb(options.pid()),
            ProcessStats.heapAfterFullGcKb(options.pid()),
            ProcessStats.rssKb(options.pid()),
            gaps,
            disorder,
            undecryptable,
            keyframes,
            nacks,
            udpDrops1 - udpDrops0,
            run.publishers.get(0).peer.profile().name());
    LoadBench.log("%s", result.row());
    return result;
  }

  /** Sequence gaps, disorder, undecryptable packets, PLI/FIR and NACKs so far. */
  private static long[] events(Run run) {
    return new long[] {
      run.subscribers.stream().mapToLong(s -> s.seqGaps).sum(),
      run.subscribers.stream().mapToLong(s -> s.seqDisorder).sum(),
      run.subscribers.stream().mapToLong(s -> s.undecryptable).sum(),
      run.publishers.stream().mapToLong(p -> p.keyframeRequests.get()).sum(),
      run.publishers.stream().mapToLong(p -> p.nacks.get()).sum()
    };
  }

  private static void snapshot(Run run, long[][] v, long[] a, long[] r) {
    for (var pub : run.publishers) {
      for (int l = 0; l < pub.layers; l++) {
        v[pub.index][l] = pub.videoCount[l].get();
      }
      a[pub.index] = pub.audioCount.get();
    }
    for (int i = 0; i < r.length; i++) {
      r[i] = run.subscribers.get(i).rtpPackets;
    }
  }

  private static void checkFailures(Run run) throws IOException {
    if (run.pacingFailure != null) {
      throw new IOException("publisher failed", run.pacingFailure);
    }
    for (var l : run.loops) {
      if (l.failure != null) {
        throw new IOException("receive loop failed", l.failure);
      }
    }
  }

  /** The latency in µs under which {@code q} of the samples fall; -1 with no samples. */
  static long percentile(long[] counts, double q) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    if (total == 0) {
      return -1;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return i;
      }
    }
    return counts.length - 1;
  }
}
