package dev.chorus.bench.firstframe;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/** The Markdown the bench prints: the headline table, the split, every trial. */
final class Report {
  private Report() {}

  static String render(List<Trial> trials, URI base, int udp, int tcp, String note) {
    var b = new StringBuilder();
    b.append("## First frame: ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("\n\n");
    if (note != null) {
      b.append("**").append(note).append("**\n\n");
    }
    b.append("Server ").append(base).append(", SFU media ports udp ").append(udp);
    b.append(" / tcp ").append(tcp).append("; ").append(Runtime.getRuntime().availableProcessors());
    b.append(" cores, load average at the end ").append(loadAverage()).append(".\n\n");
    b.append("Times in ms from the page's `performance.now()`. *click → frame*: the click on the");
    b.append(" room in the list to the first `framesDecoded > 0` of the shower's video");
    b.append(" (getStats every 10 ms); *enter → frame*: from the `room.enter` send;");
    b.append(" *click → shown*: to the tile's first presented frame (requestVideoFrameCallback).\n\n");
    b.append("| trials | ok (frame, pair at the SFU) | click → frame p50 | p90 | max |");
    b.append(" enter → frame p50 | click → shown p50 |\n|---|---|---|---|---|---|---|\n");
    var kinds = new ArrayList<String>();
    trials.forEach(t -> { if (!kinds.contains(t.kind())) kinds.add(t.kind()); });
    if (kinds.size() > 1) {
      kinds.add("all");
    }
    for (var kind : kinds) {
      var of = trials.stream().filter(t -> kind.equals("all") || t.kind().equals(kind)).toList();
      var ok = of.stream().filter(t -> t.ok(udp, tcp)).count();
      var totals = values(of, Trial::total);
      b.append("| ").append(kind).append(" ×").append(of.size()).append(" | ").append(ok);
      b.append(" | ").append(ms(pct(totals, 50))).append(" | ").append(ms(pct(totals, 90)));
      b.append(" | ").append(ms(pct(totals, 100))).append(" | ");
      b.append(ms(pct(values(of, t -> t.between("enterSent", "framesDecoded")), 50))).append(" | ");
      b.append(ms(pct(values(of, t -> t.between("click", "presented")), 50))).append(" |\n");
    }
    b.append("\n**Split** (p50 / max per kind):\n\n| step |");
    kinds.forEach(k -> b.append(' ').append(k).append(" |"));
    b.append("\n|---|").append("---|".repeat(kinds.size())).append('\n');
    for (var step : Trial.SPLIT) {
      b.append("| ").append(step[2]).append(" |");
      for (var kind : kinds) {
        var of = trials.stream().filter(t -> kind.equals("all") || t.kind().equals(kind)).toList();
        var v = values(of, t -> t.between(step[0], step[1]));
        b.append(' ').append(ms(pct(v, 50))).append(" / ").append(ms(pct(v, 100))).append(" |");
      }
      b.append('\n');
    }
    b.append("\n**Every trial** (ms from the click; pair = the receive connection's selected");
    b.append(" remote candidate when the first frame was decoded):\n\n| trial | frame |");
    for (var step : Trial.SPLIT) {
      b.append(' ').append(step[1]).append(" |");
    }
    b.append(" shown | pair | offer's candidates |\n|---|---|").append("---|".repeat(Trial.SPLIT.size()));
    b.append("---|---|---|\n");
    for (var t : trials) {
      b.append("| ").append(t.kind()).append(" #").append(t.n()).append(" | ").append(ms(t.total()));
      b.append(" |");
      for (var step : Trial.SPLIT) {
        b.append(' ').append(ms(t.between("click", step[1]))).append(" |");
      }
      b.append(' ').append(ms(t.between("click", "presented"))).append(" | ").append(t.pairText());
      b.append(t.pairIsServer(udp, tcp) ? "" : " **not the SFU**").append(" | ");
      b.append(String.join(", ", t.offerPorts())).append(" |\n");
    }
    return b.toString();
  }

  private static List<Double> values(List<Trial> trials, Function<Trial, Double> f) {
    return trials.stream().map(f).filter(Objects::nonNull).sorted().toList();
  }

  /** Nearest-rank percentile of sorted values; null when there are none. */
  static Double pct(List<Double> sorted, int p) {
    if (sorted.isEmpty()) {
      return null;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  static String ms(Double v) {
    return v == null ? "–" : String.format(Locale.ROOT, "%.0f", v);
  }

  private static String loadAverage() {
    try {
      var f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
