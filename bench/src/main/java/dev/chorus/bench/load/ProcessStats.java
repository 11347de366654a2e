package dev.chorus.bench.load;

import dev.chorus.bench.common.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the load bench reads of the server process: {@link ServerProcess}'s figures, its CPU by
 * thread job, and the machine's UDP receive-buffer drops.
 */
final class ProcessStats {
  private ProcessStats() {}

  /**
   * The machine's UDP datagrams dropped for a full receive buffer ({@code RcvbufErrors} of {@code
   * /proc/net/snmp}): the bench's sockets and the server's alike, so any drop shows.
   */
  static long udpReceiveBufferErrors() {
    try {
      String[] names = null;
      for (var line : Files.readAllLines(Path.of("/proc/net/snmp"))) {
        if (!line.startsWith("Udp: ")) {
          continue;
        }
        var f = line.substring(5).trim().split("\\s+");
        if (names == null) {
          names = f;
          continue;
        }
        for (int i = 0; i < names.length && i < f.length; i++) {
          if (names[i].equals("RcvbufErrors")) {
            return Long.parseLong(f[i]);
          }
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** CPU time of {@code pid} (user + system), in nanoseconds (clock-tick resolution). */
  static long cpuNanos(long pid) throws IOException {
    return ServerProcess.cpuNanos(pid);
  }

  /**
   * CPU time of {@code pid}'s threads by job, in nanoseconds, from each thread's {@code comm}: the
   * media engine's threads ({@code media-reader-*}, {@code media-packet-*}, {@code media-dtls-*},
   * named by the server for this), the JIT compilers, the garbage collector (G1, GC workers, the VM
   * thread), and everything else. Threads that ended since an earlier call are missing from the
   * later one, so compare groups of the same live threads (the window keeps its connections).
   */
  static long[] cpuNanosByGroup(long pid) throws IOException {
    var groups = new long[GROUPS.length];
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (var task : (Iterable<Path>) tasks::iterator) {
        String stat;
        String comm;
        try {
          stat = Files.readString(task.resolve("stat"));
          comm = Files.readString(task.resolve("comm")).trim();
        } catch (IOException ended) {
          continue;
        }
        groups[group(comm)] +=
            ServerProcess.statTicks(stat) * 1_000_000_000L / ServerProcess.TICKS_PER_SECOND;
      }
    }
    return groups;
  }

  /** The groups of {@link #cpuNanosByGroup}, in order. */
  static final String[] GROUPS = {"media", "jit", "gc", "other"};

  static int group(String comm) {
    if (comm.startsWith("media-")) {
      return 0;
    }
    if (comm.contains("CompilerThre")) {
      return 1;
    }
    if (comm.startsWith("G1 ") || comm.startsWith("GC Thread") || comm.equals("VM Thread")) {
      return 2;
    }
    return 3;
  }

  static long rssKb(long pid) {
    return ServerProcess.rssKb(pid);
  }

  /** Heap in use now (KB, no GC forced), or -1 when jcmd cannot attach. */
  static long heapUsedKb(long pid) {
    return ServerProcess.heapUsedKb(pid);
  }

  /** Heap in use after a full GC ({@code jcmd <pid> GC.run}): what the server really holds. */
  static long heapAfterFullGcKb(long pid) {
    return ServerProcess.heapAfterFullGcKb(pid);
  }
}
