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

  static String render(
      List<Trial> trials, URI base, int udp, int tcp, String note, String machine) {
    var b = new StringBuilder();
    b.append("## First frame: ")
        .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .append("\n\n");
    if (note != null) {
      b.append("**").append(note).append("**\n\n");
    }
    b.append("Server ").append(base).append(", SFU media ports udp ").append(udp);
    b.append(" / tcp ").append(tcp).append("; ").append(Runtime.getRuntime().availableProcessors());
    b.append(" cores; ").append(machine).append(", at the end ").append(loadAverage());
    b.append(".\n\n");
    b.append("Times in ms, from the viewer page's `performance.now()`. *click → shown*: the click");
    b.append(" on the room in the list to the first frame of the shower's video presented in its");
    b.append(
        " tile (`requestVideoFrameCallback`: decoded and rendered); *enter → shown*: from the");
    b.append(
        " `room.enter` send; *click → decoded (stats)*: to the first `framesDecoded > 0` seen by");
    b.append(" `getStats()` polled every 10 ms (a check: on a loaded machine a poll takes longer,");
    b.append(
        " *poll gap* is the longest); *ok*: a frame was shown and the selected candidate pair");
    b.append(" is the SFU's media port.\n\n");
    b.append("| trials | ok | click → shown p50 | p90 | max | enter → shown p50 |");
    b.append(" click → decoded (stats) p50 | poll gap max |\n|---|---|---|---|---|---|---|---|\n");
    var kinds = new ArrayList<String>();
    trials.forEach(
        t -> {
          if (!kinds.contains(t.kind())) kinds.add(t.kind());
        });
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
      b.append(ms(pct(values(of, t -> t.between("enterSent", "presented")), 50))).append(" | ");
      b.append(ms(pct(values(of, t -> t.between("click", "framesDecoded")), 50))).append(" | ");
      b.append(ms(pct(values(of, Trial::maxPollGap), 100))).append(" |\n");
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
    b.append("\n**Every trial**: ms from the click to each milestone; pair = the receive");
    b.append(" connection's selected remote candidate when the first frame was decoded; page age:");
    b.append(" ms from the page's load to the click (small: a fresh page).\n\n| trial |");
    b.append(" page age |");
    var columns = new ArrayList<String>();
    Trial.SPLIT.forEach(step -> columns.add(step[1]));
    columns.addAll(Trial.ALSO);
    columns.forEach(c -> b.append(' ').append(c).append(" |"));
    b.append(" pair | offer's candidates | video at the first decode (getStats) |");
    b.append(" server, click → frame (admin media: the shower's video) |\n|---|");
    b.append("---|".repeat(columns.size() + 5));
    b.append('\n');
    for (var t : trials) {
      b.append("| ").append(t.kind()).append(" #").append(t.n()).append(" | ");
      b.append(ms(t.marks().get("click"))).append(" |");
      columns.forEach(c -> b.append(' ').append(ms(t.between("click", c))).append(" |"));
      b.append(' ').append(t.pairText());
      b.append(t.pairIsServer(udp, tcp) ? "" : " **not the SFU**").append(" | ");
      b.append(String.join(", ", t.offerPorts().stream().distinct().toList())).append(" | ");
      b.append(videoText(t)).append(" | ").append(t.server().text()).append(" |\n");
    }
    return b.toString();
  }

  private static String videoText(Trial t) {
    var v = t.video();
    return v.isEmpty()
        ? "–"
        : "packets %s, frames %s, key frames decoded %s, PLI %s, FIR %s, NACK %s"
            .formatted(
                v.get("packetsReceived"),
                v.get("framesReceived"),
                v.get("keyFramesDecoded"),
                v.get("pliCount"),
                v.get("firCount"),
                v.get("nackCount"));
  }

  private static List<Double> values(List<Trial> trials, Function<Trial, ? extends Number> f) {
    return trials.stream()
        .map(f)
        .filter(Objects::nonNull)
        .map(Number::doubleValue)
        .sorted()
        .toList();
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

  static String loadAverage() {
    try {
      var f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
