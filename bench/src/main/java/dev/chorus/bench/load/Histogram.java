package dev.chorus.bench.load;

import dev.chorus.bench.common.ServerProcess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The server's live objects by class ({@code jcmd <pid> GC.class_histogram}, which runs a full GC
 * first, so only what is reachable counts), and the difference of two of them: which classes a
 * phase of the memory bench added, to name the big parts of a transport or a consumer.
 */
final class Histogram {
  // "   12:          3456         789012  [B (java.base@17.0.x)"
  private static final Pattern LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

  /** class name → {instances, bytes}. */
  final Map<String, long[]> classes;

  private Histogram(Map<String, long[]> classes) {
    this.classes = classes;
  }

  static Histogram take(long pid) {
    var classes = new HashMap<String, long[]>();
    for (var line : ServerProcess.jcmd(pid, "GC.class_histogram").split("\n")) {
      var m = LINE.matcher(line);
      if (m.find()) {
        classes.put(
            m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
      }
    }
    return new Histogram(classes);
  }

  boolean isEmpty() {
    return classes.isEmpty();
  }

  /** One class's growth from {@code before} to this one. */
  record Delta(String name, long instances, long bytes) {}

  /** The {@code top} classes that grew most in bytes since {@code before}, largest first. */
  List<Delta> growthSince(Histogram before, int top) {
    var names = new HashSet<>(classes.keySet());
    names.addAll(before.classes.keySet());
    var deltas = new ArrayList<Delta>();
    for (var name : names) {
      var a = before.classes.getOrDefault(name, new long[2]);
      var b = classes.getOrDefault(name, new long[2]);
      deltas.add(new Delta(name, b[0] - a[0], b[1] - a[1]));
    }
    deltas.sort((x, y) -> Long.compare(y.bytes, x.bytes));
    if (top == Integer.MAX_VALUE) {
      return deltas;
    }
    return deltas.subList(0, Math.min(top, deltas.size()));
  }

  /** Where a class comes from, to sum the growth by library: the project's, BouncyCastle's, …. */
  static final String[][] GROUPS = {
    {"dev.chorus.", "Chorus classes (dev.chorus.*)"},
    {"org.bouncycastle.", "BouncyCastle (DTLS, certificates)"},
    {"org.jitsi.", "jitsi-srtp / jitsi-utils"},
    {"org.ice4j.", "ice4j"},
    {"[", "arrays (byte[], long[], Object[], …: owner unknown)"},
    {"", "other (JDK, Grizzly, Tyrus, …)"}
  };

  static int group(String name) {
    for (int i = 0; i < GROUPS.length; i++) {
      if (name.startsWith(GROUPS[i][0])) {
        return i;
      }
    }
    return GROUPS.length - 1;
  }

  /** The growth since {@code before} summed by {@link #GROUPS}, per unit. */
  String groups(Histogram before, int per) {
    long[] bytes = new long[GROUPS.length];
    for (var d : growthSince(before, Integer.MAX_VALUE)) {
      bytes[group(d.name)] += d.bytes;
    }
    var b = new StringBuilder("| from | bytes per unit |\n|---|---|\n");
    for (int i = 0; i < GROUPS.length; i++) {
      b.append(String.format("| %s | %.0f |%n", GROUPS[i][1], bytes[i] / (double) per));
    }
    return b.toString();
  }

  /** Total bytes of every class: the histogram's own view of the live heap. */
  long totalBytes() {
    return classes.values().stream().mapToLong(v -> v[1]).sum();
  }

  /**
   * A Markdown table of the growth since {@code before}, per unit ({@code per} transports or
   * consumers): instances and bytes each unit added, class by class.
   */
  String table(Histogram before, int per, int top) {
    var b = new StringBuilder("| class | instances per unit | bytes per unit |\n|---|---|---|\n");
    for (var d : growthSince(before, top)) {
      b.append(
          String.format(
              "| `%s` | %.2f | %.0f |%n", d.name, d.instances / (double) per, d.bytes / (double) per));
    }
    b.append(
        String.format(
            "| (all classes) | | %.0f |%n", (totalBytes() - before.totalBytes()) / (double) per));
    return b.toString();
  }
}
