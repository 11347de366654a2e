package dev.chorus.bench.load;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What one run of the matrix measured, and the report of them all. */
record Result(
    String mode,
    int n,
    int publishers,
    int subscribers,
    double seconds,
    long delivered,
    double serverMicrosPerPacket,
    double mediaMicrosPerPacket,
    double jitPercent,
    double gcPercent,
    double serverCpuPercent,
    double benchCpuPercent,
    double meanRatio,
    double worstRatio,
    long p50Micros,
    long p99Micros,
    long heapKb,
    long heapAfterGcKb,
    long rssKb,
    long seqGaps,
    long seqDisorder,
    long undecryptable,
    long keyframeRequests,
    long nacks,
    long udpBufferDrops,
    String srtpProfile) {

  static final String HEADER =
      "| mode | N | publishers | subscribers | window s | delivered pkt/s | server µs/pkt | media"
          + " threads µs/pkt | JIT CPU % | GC CPU % | server CPU % | bench CPU % | receive mean |"
          + " receive worst | latency p50 µs | p99 µs | heap MB | heap after GC MB | RSS MB | seq"
          + " gaps | seq reordered | undecryptable | PLI/FIR at publishers | NACKs at publishers"
          + " | UDP buffer drops (machine) |\n"
          + "|---".repeat(25)
          + "|\n";

  String row() {
    return String.format(
        "| %s | %d | %d | %d | %.1f | %.0f | %.1f | %.1f | %.0f | %.0f | %.0f | %.0f | %.4f"
            + " | %.4f | %d | %d | %.0f | %.0f | %.0f | %d | %d | %d | %d | %d | %d |",
        mode,
        n,
        publishers,
        subscribers,
        seconds,
        delivered / seconds,
        serverMicrosPerPacket,
        mediaMicrosPerPacket,
        jitPercent,
        gcPercent,
        serverCpuPercent,
        benchCpuPercent,
        meanRatio,
        worstRatio,
        p50Micros,
        p99Micros,
        heapKb / 1024.0,
        heapAfterGcKb / 1024.0,
        rssKb / 1024.0,
        seqGaps,
        seqDisorder,
        undecryptable,
        keyframeRequests,
        nacks,
        udpBufferDrops);
  }

  static String report(
      LoadBench.Options options, Instant started, int retries, List<Result> results) {
    var b = new StringBuilder("# Chorus forwarding load bench\n\n");
    if (!options.note().isBlank()) {
      b.append("**").append(options.note()).append("**\n\n");
    }
    if (options.simulatedLoss() > 0) {
      b.append("**Self-check: the server dropped ")
          .append(options.simulatedLoss())
          .append(" % of the video it sent (simulated loss): not a measurement.**\n\n");
    }
    b.append("started ")
        .append(started)
        .append(", took ")
        .append(Duration.between(started, Instant.now()).toSeconds())
        .append(" s; server ")
        .append(options.base())
        .append(" pid ")
        .append(options.pid())
        .append("; window ")
        .append(options.window().toSeconds())
        .append(" s after ")
        .append(options.warmup().toSeconds())
        .append(" s warm-up; ")
        .append(options.loops())
        .append(" receive threads; ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" CPUs; load average ")
        .append(loadAverage())
        .append("; SRTP ")
        .append(results.isEmpty() ? "-" : results.get(0).srtpProfile())
        .append("; ")
        .append(retries)
        .append(" REST calls waited out (429/503)\n\n");
    b.append(
        "forward: 1 publisher (100 video packets/s of 1200 B + 50 audio packets/s of 100 B),"
            + " N receive-only subscribers. meeting: N participants, each 2 simulcast layers"
            + " (1200 B and 400 B, 100 packets/s each) + audio, everyone subscribed to everyone.\n"
            + "server µs/pkt = the server JVM's utime+stime over the window ÷ RTP packets the"
            + " subscribers received in it; media threads µs/pkt counts only the server's media"
            + " engine threads (ICE readers, packet workers, DTLS), JIT and GC CPU % the compiler"
            + " and collector threads (100 % = one core). Latency: publisher send → subscriber"
            + " receive, in this JVM, over the window.\n\n");
    b.append(HEADER);
    for (var r : results) {
      b.append(r.row()).append('\n');
    }
    return b.toString();
  }

  static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}
