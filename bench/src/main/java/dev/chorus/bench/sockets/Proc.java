package dev.chorus.bench.sockets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A process seen from {@code /proc} and {@code jcmd}: CPU time (utime + stime), RSS, threads, open
 * file descriptors, and the JVM's heap in use after a full GC.
 */
final class Proc {
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
  private static final long TICKS_PER_SECOND = clockTicks();

  private Proc() {}

  /** CPU time of {@code pid} (user + system), in nanoseconds (clock-tick resolution). */
  static long cpuNanos(long pid) {
    try {
      var stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      var f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    } catch (IOException e) {
      return -1;
    }
  }

  static long self() {
    return ProcessHandle.current().pid();
  }

  static long rssKb(long pid) {
    return status(pid, "VmRSS:");
  }

  static long threads(long pid) {
    return status(pid, "Threads:");
  }

  static long fds(long pid) {
    try (var s = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return s.count();
    } catch (IOException e) {
      return -1;
    }
  }

  private static long status(long pid, String key) {
    try {
      for (var line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  /**
   * Heap in use after a full GC ({@code jcmd <pid> GC.run}, then {@code GC.heap_info}), in KiB; the
   * lower of two rounds (a GC that runs while something is allocating sees a little more).
   */
  static long heapAfterFullGcKb(long pid) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 2; i++) {
      if (jcmd(pid, "GC.run").isEmpty()) {
        return -1;
      }
      long used = parseHeapUsed(jcmd(pid, "GC.heap_info"));
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
    for (var line : jcmd(pid, "Thread.print").split("\n")) {
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

  private static String jcmd(long pid, String command) {
    try {
      var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
      var p =
          new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
      var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
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

  /** G1: one line for the whole heap; serial and parallel: one per generation, summed. */
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
