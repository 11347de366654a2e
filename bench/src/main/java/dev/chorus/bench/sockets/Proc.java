package dev.chorus.bench.sockets;

import dev.chorus.bench.common.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the sockets benches read of a process besides {@link ServerProcess}: CPU time that never
 * throws, threads, open file descriptors, a steadier heap after GC, and its largest thread groups.
 */
final class Proc {
  private Proc() {}

  /** CPU time of {@code pid} (user + system), in nanoseconds; -1 when it cannot be read. */
  static long cpuNanos(long pid) {
    try {
      return ServerProcess.cpuNanos(pid);
    } catch (IOException e) {
      return -1;
    }
  }

  static long self() {
    return ProcessHandle.current().pid();
  }

  static long rssKb(long pid) {
    return ServerProcess.rssKb(pid);
  }

  static long threads(long pid) {
    return ServerProcess.status(pid, "Threads");
  }

  static long fds(long pid) {
    try (var s = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return s.count();
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * Heap in use after a full GC, in KiB: the lower of two rounds (a GC that runs while something
   * is allocating sees a little more).
   */
  static long heapAfterFullGcKb(long pid) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 2; i++) {
      long used = ServerProcess.heapAfterFullGcKb(pid);
      if (used < 0) {
        return -1;
      }
      best = Math.min(best, used);
    }
    return best;
  }

  /** The largest thread groups ({@code jcmd Thread.print}, names with numbers stripped). */
  static String threadGroups(long pid, int top) {
    var counts = new java.util.TreeMap<String, Integer>();
    for (var line : ServerProcess.jcmd(pid, "Thread.print").split("\n")) {
      if (line.startsWith("\"")) {
        var name = line.substring(1, line.indexOf('"', 1)).replaceAll("[-#0-9 ()]*$", "");
        counts.merge(name.replaceAll("\\d+", "N"), 1, Integer::sum);
      }
    }
    return counts.entrySet().stream()
        .sorted((a, b) -> b.getValue() - a.getValue())
        .limit(top)
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(java.util.stream.Collectors.joining(", "));
  }
}
