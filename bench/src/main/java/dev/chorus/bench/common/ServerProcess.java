package dev.chorus.bench.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A JVM process on this machine as the benches measure it: CPU time (utime + stime of {@code
 * /proc/<pid>/stat}), {@code /proc/<pid>/status} figures, and its heap through {@code jcmd}.
 */
public final class ServerProcess {
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

  /** Clock ticks per second of /proc's CPU times. */
  public static final long TICKS_PER_SECOND = clockTicks();

  private ServerProcess() {}

  /** CPU time of {@code pid} (user + system), in nanoseconds (clock-tick resolution). */
  public static long cpuNanos(long pid) throws IOException {
    return statTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")))
        * 1_000_000_000L
        / TICKS_PER_SECOND;
  }

  /** utime + stime of one {@code stat} line (of a process or a thread), in clock ticks. */
  public static long statTicks(String stat) {
    // fields after the command name in parentheses: state is field 3, utime 14, stime 15
    var f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /** A numeric {@code /proc/<pid>/status} field ({@code VmRSS}, {@code Threads}), or -1. */
  public static long status(long pid, String key) {
    try {
      for (var line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(key + ":")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  public static long rssKb(long pid) {
    return status(pid, "VmRSS");
  }

  /** Heap in use now (KB, no GC forced), or -1 when jcmd cannot attach. */
  public static long heapUsedKb(long pid) {
    return parseHeapUsed(jcmd(pid, "GC.heap_info"));
  }

  /** Heap in use after a full GC ({@code jcmd <pid> GC.run}): what the process really holds. */
  public static long heapAfterFullGcKb(long pid) {
    if (jcmd(pid, "GC.run").isEmpty()) {
      return -1;
    }
    return heapUsedKb(pid);
  }

  /** {@code jcmd <pid> <command>}'s output, or "" when it fails or takes over two minutes. */
  public static String jcmd(long pid, String command) {
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

  /**
   * G1 prints one line for the whole heap ({@code garbage-first heap total …K, used …K}), the
   * serial and parallel collectors one per generation: their sum. Metaspace lines are not heap.
   */
  public static long parseHeapUsed(String heapInfo) {
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
