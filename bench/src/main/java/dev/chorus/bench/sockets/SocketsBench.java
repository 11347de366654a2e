package dev.chorus.bench.sockets;

import static dev.chorus.bench.sockets.Fleet.log;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Issue 16 item 4: N idle, authenticated {@code /ws} sockets held by one server, and what each
 * costs it in heap (after a full GC, with the sockets minus before them), RSS, threads and CPU
 * while idle. Accounts {@code sk-0…} (created by the admin), {@code --per-user} tabs each, logged
 * in once per account; tabs opened tab-major (everyone's first tab, then everyone's second, …) so
 * each account comes online once while few sockets are open.
 */
public final class SocketsBench {
  private SocketsBench() {}

  public static void main(String[] args) throws Exception {
    var o = Fleet.options(args);
    long pid = Long.parseLong(require(o, "pid"));
    var base = URI.create(o.getOrDefault("base", "https://localhost:8181/"));
    int sockets = Integer.parseInt(o.getOrDefault("sockets", "10000"));
    int perUser = Integer.parseInt(o.getOrDefault("per-user", "10"));
    int clients = Integer.parseInt(o.getOrDefault("clients", "8"));
    int threads = Integer.parseInt(o.getOrDefault("threads", "4"));
    int inFlight = Integer.parseInt(o.getOrDefault("in-flight", "200"));
    int warmup = Integer.parseInt(o.getOrDefault("warmup", "1000"));
    var hold = Duration.parse(o.getOrDefault("hold", "PT30S"));
    var admin = o.getOrDefault("admin", "bench-admin");
    var adminPassword = o.getOrDefault("admin-password", "bench admin password");
    var started = Instant.now();
    var rest = new Rest(base);
    var r = new Report();
    try (var fleet = new Fleet(rest, clients, threads)) {
      var adminToken = rest.login(admin, adminPassword);
      int accounts = (sockets + perUser - 1) / perUser;
      var users = new ArrayList<String>();
      for (int i = 0; i < accounts; i++) {
        users.add("sk-" + i);
      }
      log("accounts and log-ins: %d users", accounts);
      long t0 = System.nanoTime();
      var tokens = fleet.logins(adminToken, users, 4);
      r.row("accounts created (409 = existed) and logged in", accounts + " in " + secs(t0));

      var who = new ArrayList<String>();
      var keys = new ArrayList<String>();
      for (int tab = 0; tab < perUser && who.size() < sockets; tab++) {
        for (int u = 0; u < accounts && who.size() < sockets; u++) {
          who.add(users.get(u));
          keys.add(tokens.get(users.get(u)));
        }
      }
      if (warmup > 0) {
        // JIT, pools, TLS and class loading warmed up by sockets that are closed again
        int n = Math.min(warmup, who.size());
        log("warm-up: %d sockets opened and closed", n);
        try (var warm = new Fleet(rest, clients, threads)) {
          warm.open(who.subList(0, n), keys.subList(0, n), inFlight, tab -> {});
          warm.closeAll(Duration.ofSeconds(60));
        }
        Thread.sleep(5_000); // the presence grace (2 s) runs out: everyone offline
        r.row("warm-up", n + " sockets opened and closed before the baseline");
      }
      log("before: full GC on the server");
      long heapBefore = Proc.heapAfterFullGcKb(pid);
      r.server("before", pid, heapBefore, rest.socketStats(adminToken));

      log("opening %d sockets (%d clients, %d in flight)", who.size(), clients, inFlight);
      long serverCpu0 = Proc.cpuNanos(pid);
      long benchCpu0 = Proc.cpuNanos(Proc.self());
      t0 = System.nanoTime();
      var opened = fleet.open(who, keys, inFlight, tab -> {});
      long openNanos = System.nanoTime() - t0;
      r.row(
          "sockets opened and authenticated (`welcome`)",
          opened.size() + " of " + who.size() + " in " + secs(t0));
      r.row("opening rate", String.format("%.0f sockets/s", opened.size() / (openNanos / 1e9)));
      r.row("server CPU while opening", cpu(Proc.cpuNanos(pid) - serverCpu0, openNanos));
      r.row("bench CPU while opening", cpu(Proc.cpuNanos(Proc.self()) - benchCpu0, openNanos));
      if (!fleet.failures.isEmpty()) {
        var why = new java.util.TreeMap<String, Integer>();
        fleet.failures.forEach(f -> why.merge(f.substring(f.indexOf(": ") + 2), 1, Integer::sum));
        r.row("failed to open, by reason", why.toString());
      }

      log("holding them for %s", hold);
      Thread.sleep(2_000); // the last snapshots and presence pushes arrive
      fleet.tabs.forEach(t -> t.pings.set(0));
      long holdStart = System.nanoTime();
      serverCpu0 = Proc.cpuNanos(pid);
      benchCpu0 = Proc.cpuNanos(Proc.self());
      Thread.sleep(hold.toMillis());
      long holdNanos = System.nanoTime() - holdStart;
      r.row(
          "server CPU while idle (" + hold + ")", cpu(Proc.cpuNanos(pid) - serverCpu0, holdNanos));
      r.row("bench CPU while idle", cpu(Proc.cpuNanos(Proc.self()) - benchCpu0, holdNanos));
      long pinged = fleet.tabs.stream().filter(t -> t.pings.get() > 0).count();
      long pings = fleet.tabs.stream().mapToLong(t -> t.pings.get()).sum();
      r.row(
          "sockets the server pinged during the hold (WebSocket ping, answered by the JDK)",
          pinged + " of " + opened.size() + ", " + pings + " pings");

      log("with the sockets: full GC on the server");
      long heapWith = Proc.heapAfterFullGcKb(pid);
      var withStats = rest.socketStats(adminToken);
      r.server("with the sockets", pid, heapWith, withStats);
      r.row("server thread groups with the sockets", Proc.threadGroups(pid, 5));
      // per socket the server holds open at the measurement (its own count), not per socket opened
      int held = Integer.parseInt(Rest.field(withStats, "open"));
      if (heapBefore > 0 && heapWith > 0 && held > 0) {
        r.row(
            "**heap per idle authenticated socket**, against the heap before them",
            String.format(
                "**%.1f KiB** ((%d − %d) KiB ÷ %d open)",
                (heapWith - heapBefore) / (double) held, heapWith, heapBefore, held));
      }

      log("application ping round: one tab per account");
      var firsts = new ArrayList<Tab>();
      var seen = new java.util.HashSet<String>();
      for (var t : opened) {
        if (seen.add(t.user)) {
          firsts.add(t);
        }
      }
      var rtt = new long[firsts.size()];
      var sentAt = new long[firsts.size()];
      var answers = new ArrayList<java.util.concurrent.CompletableFuture<String>>();
      for (int i = 0; i < firsts.size(); i++) {
        int at = i;
        sentAt[i] = System.nanoTime();
        answers.add(
            firsts
                .get(i)
                .request("ping", "")
                .whenComplete((a, e) -> rtt[at] = System.nanoTime() - sentAt[at]));
      }
      int pongs = 0;
      for (var a : answers) {
        try {
          if ("pong".equals(Tab.prefixValue(a.get(60, TimeUnit.SECONDS), "type"))) {
            pongs++;
          }
        } catch (Exception e) {
          // counted as missing
        }
      }
      Arrays.sort(rtt);
      r.row(
          "`ping` → `pong` on one tab per account, all at once",
          String.format(
              "%d of %d; round trip p50 %.1f ms, p99 %.1f ms, max %.1f ms",
              pongs,
              firsts.size(),
              Fleet.percentile(rtt, 50) / 1e6,
              Fleet.percentile(rtt, 99) / 1e6,
              rtt.length == 0 ? 0 : rtt[rtt.length - 1] / 1e6));
      var lost = fleet.closedTabs();
      r.row(
          "sockets still open at the end (bench side)",
          (fleet.tabs.size() - lost.size())
              + " of "
              + fleet.tabs.size()
              + (lost.isEmpty() ? "" : "; closed: " + closes(lost)));
      r.row("frames received, by type", fleet.countsByType.toString());

      log("closing");
      t0 = System.nanoTime();
      int unanswered = fleet.closeAll(Duration.ofSeconds(60));
      r.row(
          "closed (normal close, server's close awaited)", secs(t0) + ", unanswered " + unanswered);
      String after = rest.socketStats(adminToken);
      for (int i = 0; i < 30 && !"0".equals(Rest.field(after, "open")); i++) {
        Thread.sleep(1_000);
        after = rest.socketStats(adminToken);
      }
      Thread.sleep(3_000); // the presence grace (2 s) runs out: everyone offline
      long heapAfter = Proc.heapAfterFullGcKb(pid);
      r.server("after closing", pid, heapAfter, after);
      if (heapAfter > 0 && heapWith > 0 && held > 0) {
        r.row(
            "**heap per idle authenticated socket**, against the heap after closing them all",
            String.format(
                "**%.1f KiB** ((%d − %d) KiB ÷ %d open)",
                (heapWith - heapAfter) / (double) held, heapWith, heapAfter, held));
      }
      fleet.logouts(tokens.values(), 4);
      rest.logout(adminToken);
    }
    var report = r.render(o, started, sockets, perUser);
    System.out.println(report);
    if (o.containsKey("out")) {
      Files.writeString(Path.of(o.get("out")), report);
    }
    System.exit(0);
  }

  private static String require(java.util.Map<String, String> o, String key) {
    var v = o.get(key);
    if (v == null) {
      throw new IllegalArgumentException("--" + key + " is required");
    }
    return v;
  }

  /**
   * Why the server closed these tabs (reason: count), and for the first few what the bench saw
   * before: WebSocket pings received, the last ping and the last text frame, seconds before the
   * close (the JDK answers each ping with a pong at once).
   */
  static String closes(List<Tab> closed) {
    var reasons = new java.util.TreeMap<String, Integer>();
    closed.forEach(t -> reasons.merge(t.closed.getNow("?"), 1, Integer::sum));
    var b = new StringBuilder(reasons.toString());
    for (var t : closed.subList(0, Math.min(5, closed.size()))) {
      b.append(
          String.format(
              "; %s#%d: %d pings, last ping %.1f s and last text %.1f s before the close",
              t.user,
              t.index,
              t.pings.get(),
              t.lastPingNanos == 0 ? -1 : (t.closedNanos - t.lastPingNanos) / 1e9,
              t.lastTextNanos == 0 ? -1 : (t.closedNanos - t.lastTextNanos) / 1e9));
    }
    return b.toString();
  }

  static String secs(long startNanos) {
    return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
  }

  static String cpu(long cpuNanos, long wallNanos) {
    return String.format(
        "%.1f s CPU over %.1f s = %.0f %% of one core",
        cpuNanos / 1e9, wallNanos / 1e9, 100.0 * cpuNanos / wallNanos);
  }

  static List<String> first(List<String> l, int n) {
    synchronized (l) {
      return new ArrayList<>(l.subList(0, Math.min(n, l.size())));
    }
  }

  /** Rows of (measure, value) as a Markdown table. */
  static final class Report {
    private final List<String[]> rows = new ArrayList<>();

    void row(String what, String value) {
      rows.add(new String[] {what, value});
      log("%s: %s", what, value);
    }

    void server(String when, long pid, long heapKb, String socketStats) {
      row(
          "server " + when,
          String.format(
              "heap after full GC %s, RSS %.0f MiB, %d threads, %d fds; /api/admin/sockets: open"
                  + " %s, unauthenticated %s",
              heapKb < 0 ? "n/a" : String.format("%.1f MiB", heapKb / 1024.0),
              Proc.rssKb(pid) / 1024.0,
              Proc.threads(pid),
              Proc.fds(pid),
              Rest.field(socketStats, "open"),
              Rest.field(socketStats, "unauthenticated")));
    }

    String render(java.util.Map<String, String> o, Instant started, int sockets, int perUser) {
      var b = new StringBuilder();
      b.append("## Idle sockets: ").append(sockets).append(" requested, ").append(perUser);
      b.append(" per account\n\n");
      if (o.containsKey("note")) {
        b.append("**").append(o.get("note")).append("**\n\n");
      }
      b.append("Started ").append(started).append(", options ").append(o).append("\n\n");
      b.append("| measure | value |\n|---|---|\n");
      for (var row : rows) {
        b.append("| ").append(row[0]).append(" | ").append(row[1]).append(" |\n");
      }
      return b.toString();
    }
  }
}
