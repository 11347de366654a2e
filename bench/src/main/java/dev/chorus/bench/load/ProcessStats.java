package dev.chorus.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A process seen from /proc: CPU time (utime + stime of {@code /proc/<pid>/stat}, in clock ticks),
 * resident set size ({@code VmRSS}), and the JVM's heap in use ({@code jcmd <pid> GC.heap_info}).
 */
final class ProcessStats {
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
  private static final long TICKS_PER_SECOND = clockTicks();

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
    var stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    // fields after the command name in parentheses: state is field 3, utime 14, stime 15
    var f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    return ticks * 1_000_000_000L / TICKS_PER_SECOND;
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
        var f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        groups[group(comm)] += ticks * 1_000_000_000L / TICKS_PER_SECOND;
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

  static long rssKb(long pid) throws IOException {
    for (var line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }

  /** Heap in use now (KB, no GC forced), or -1 when jcmd cannot attach. */
  static long heapUsedKb(long pid) {
    return parseHeapUsed(jcmd(pid, "GC.heap_info"));
  }

  /** Heap in use after a full GC ({@code jcmd <pid> GC.run}): what the server really holds. */
  static long heapAfterFullGcKb(long pid) {
    if (jcmd(pid, "GC.run").isEmpty()) {
      return -1;
    }
    return heapUsedKb(pid);
  }

  private static String jcmd(long pid, String command) {
    try {
      var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
      var p =
          new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
      var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return "";
      }
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /**
   * G1 prints one line for the whole heap ({@code garbage-first heap total …K, used …K}), the
   * serial and parallel collectors one per generation: their sum. Metaspace lines are not heap.
   */
  static long parseHeapUsed(String heapInfo) {
    long generations = 0;
    boolean any = false;
    for (var line : heapInfo.split("\n")) {
      var m = HEAP_USED.matcher(line);
      if (!m.find() || line.contains("Metaspace") || line.contains("class space")) {
        continue;
      }
      if (line.contains("heap")) {
        return Long.parseLong(m.group(1));
      }
      if (line.contains("generation")
          || line.contains("PSYoungGen")
          || line.contains("ParOldGen")) {
        generations += Long.parseLong(m.group(1));
        any = true;
      }
    }
    return any ? generations : -1;
  }

  private static long clockTicks() {
    try {
      var p = new ProcessBuilder("getconf", "CLK_TCK").start();
      var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      p.waitFor(10, TimeUnit.SECONDS);
      return Long.parseLong(out);
    } catch (IOException | NumberFormatException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
