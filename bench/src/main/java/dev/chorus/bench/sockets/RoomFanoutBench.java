package dev.chorus.bench.sockets;

import static dev.chorus.bench.sockets.Fleet.log;
import static dev.chorus.bench.sockets.SocketsBench.cpu;
import static dev.chorus.bench.sockets.SocketsBench.secs;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;

/**
 * Issue 16 item 5: a message to a 1,000-occupant room reaches every occupant (p99 < 100 ms), and
 * presence changes with 1,000 users online do not stall it. Occupants {@code sk-0…} (one tab each,
 * all in one public room), a sender {@code rf-sender} in the room posting {@code "fanout <k>"} at
 * {@code --rate} per second. Phase 1: the messages alone. Phase 2: as many again while a burst of
 * {@code --status-changes} users set away and back, and {@code --churn} occupants close their tab,
 * stay away past the offline grace and come back (re-enter the room); delivery is then counted at
 * everyone who stayed.
 */
public final class RoomFanoutBench {
  private static final String ROOM = "Fan-out bench";

  private RoomFanoutBench() {}

  public static void main(String[] args) throws Exception {
    var o = Fleet.options(args);
    long pid = Long.parseLong(o.get("pid"));
    var base = URI.create(o.getOrDefault("base", "https://localhost:8181/"));
    int n = Integer.parseInt(o.getOrDefault("occupants", "1000"));
    int messages = Integer.parseInt(o.getOrDefault("messages", "50"));
    double rate = Double.parseDouble(o.getOrDefault("rate", "2"));
    int statusChanges = Integer.parseInt(o.getOrDefault("status-changes", "500"));
    int churn = Integer.parseInt(o.getOrDefault("churn", "100"));
    int clients = Integer.parseInt(o.getOrDefault("clients", "8"));
    int threads = Integer.parseInt(o.getOrDefault("threads", "4"));
    int inFlight = Integer.parseInt(o.getOrDefault("in-flight", "100"));
    var prefix = o.getOrDefault("prefix", "sk-");
    var drain = java.time.Duration.parse(o.getOrDefault("drain", "PT30S"));
    var keepalive = java.time.Duration.parse(o.getOrDefault("keepalive", "PT3S"));
    var pinger =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Fleet.daemon("keepalive"));
    var started = Instant.now();
    var rest = new Rest(base);
    var r = new SocketsBench.Report();
    var deliveries = new Deliveries(n, 2 * messages);
    try (var fleet = new Fleet(rest, clients, threads)) {
      var adminToken =
          rest.login(
              o.getOrDefault("admin", "bench-admin"),
              o.getOrDefault("admin-password", "bench admin password"));
      var users = new ArrayList<String>();
      var occupantOf = new HashMap<String, Integer>();
      for (int i = 0; i < n; i++) {
        users.add(prefix + i);
        occupantOf.put(prefix + i, i);
      }
      var all = new ArrayList<>(users);
      all.add("rf-sender");
      log("accounts and log-ins: %d users", all.size());
      long t0 = System.nanoTime();
      var tokens = fleet.logins(adminToken, all, 4);
      r.row("accounts (409 = existed) and log-ins", all.size() + " in " + secs(t0));
      var roomId = rest.room(tokens.get("rf-sender"), ROOM);
      if (!keepalive.isZero()) {
        // every tab sends the application `ping` this often (the page: every 20 s), see README
        long ms = keepalive.toMillis();
        pinger.scheduleAtFixedRate(
            () -> {
              for (var t : new ArrayList<>(fleet.tabs)) {
                if (t.isOpen()) {
                  t.request("ping", "");
                }
              }
            },
            ms,
            ms,
            TimeUnit.MILLISECONDS);
      }

      log("%d occupants: open, authenticate, room.enter", n);
      t0 = System.nanoTime();
      long cpu0 = Proc.cpuNanos(pid);
      var keys = users.stream().map(tokens::get).toList();
      java.util.function.Consumer<Tab> record =
          t -> t.onPush((tab, frame) -> deliveries.onFrame(occupantOf.get(tab.user), frame));
      var tabs = new ArrayList<>(fleet.open(users, keys, inFlight, record));
      var entered = enter(tabs, roomId, inFlight);
      var inRoom = new boolean[n];
      entered.forEach(t -> inRoom[occupantOf.get(t.user)] = true);
      r.row(
          "occupants in the room (room.entered)",
          entered.size() + " of " + n + " (" + tabs.size() + " authenticated) in " + secs(t0));
      r.row(
          "server CPU while they entered", cpu(Proc.cpuNanos(pid) - cpu0, System.nanoTime() - t0));
      if (!fleet.failures.isEmpty()) {
        r.row(
            "failed to open", fleet.failures.size() + ": " + SocketsBench.first(fleet.failures, 3));
      }
      Thread.sleep(3_000); // room.joined and presence pushes of the last arrivals
      // the sender comes last: its tab does not live through the occupants' arrival
      var sender =
          fleet.open(List.of("rf-sender"), List.of(tokens.get("rf-sender")), 1, t -> {}).get(0);
      if (enter(List.of(sender), roomId, 1).isEmpty()) {
        throw new IllegalStateException("the sender could not enter the room");
      }
      // phase 1 is "quiet": first wait (at most 5 min) until the arrivals' pushes have left the
      // server's outbound queues (GET /api/admin/sockets, queuedMessages)
      long q0 = System.nanoTime();
      long queued = Long.MAX_VALUE;
      while (System.nanoTime() - q0 < 300_000_000_000L) {
        var q = Rest.field(rest.socketStats(adminToken), "queuedMessages");
        queued = q == null ? -1 : Long.parseLong(q);
        if (queued < 50) {
          break;
        }
        Thread.sleep(1_000);
      }
      r.row(
          "the arrivals' pushes drained from the server's queues",
          "in " + secs(q0) + " after the last room.entered (" + queued + " messages queued then)");
      Thread.sleep(2_000);
      var stillIn = entered.stream().filter(Tab::isOpen).toList();
      r.row(
          "occupants still open when the messages start",
          stillIn.size() + " of " + entered.size() + " who entered");
      java.util.Arrays.fill(inRoom, false);
      stillIn.forEach(t -> inRoom[occupantOf.get(t.user)] = true);
      fleet.countsByType.clear();

      log("phase 1: %d messages at %.1f/s", messages, rate);
      IntPredicate everyone = i -> inRoom[i]; // those who entered
      var phase1 = phase(pid, sender, roomId, deliveries, 0, messages, rate, everyone, null, drain);
      r.row(
          "phase 1 ("
              + messages
              + " messages, quiet): deliveries to the "
              + stillIn.size()
              + " still open",
          phase1.summary.deliveries());
      r.row(
          "phase 1: time until the last occupant has each message", phase1.summary.lastOccupant());
      r.row("phase 1: server / bench CPU", phase1.cpu);
      r.row("phase 1: sender's room.ack round trip p50 / max", phase1.acks);

      log(
          "phase 2: %d messages with %d status changes and %d leaving and returning",
          messages, statusChanges, churn);
      var present = stillIn.stream().filter(Tab::isOpen).toList();
      var churners =
          new ArrayList<>(present.subList(Math.max(0, present.size() - churn), present.size()));
      var churnUsers = churners.stream().map(t -> t.user).toList();
      var staying = new boolean[n];
      present.forEach(t -> staying[occupantOf.get(t.user)] = true);
      churnUsers.forEach(u -> staying[occupantOf.get(u)] = false);
      var changers =
          present.subList(0, Math.min(statusChanges, Math.max(0, present.size() - churn)));
      var burstReport = new StringBuilder();
      Runnable burst =
          () -> {
            try {
              long b0 = System.nanoTime();
              var acks = new ArrayList<CompletableFuture<String>>();
              for (var t : changers) {
                acks.add(t.request("presence.set", ",\"status\":\"away\""));
              }
              churners.forEach(Tab::close);
              for (var t : changers) {
                acks.add(t.request("presence.set", ",\"status\":\"online\""));
              }
              long ok = acks.stream().filter(a -> "ack".equals(type(a))).count();
              burstReport.append(
                  String.format("%d presence.set acked of %d in %s; ", ok, acks.size(), secs(b0)));
              Thread.sleep(3_000); // past the 2 s offline grace: they go offline
              var back =
                  fleet.open(
                      churnUsers, churnUsers.stream().map(tokens::get).toList(), inFlight, record);
              enter(back, roomId, inFlight);
              burstReport.append(
                  String.format(
                      "%d of %d left and came back (re-entered) in %s",
                      back.size(), churnUsers.size(), secs(b0)));
            } catch (Exception e) {
              burstReport.append("burst failed: ").append(e);
            }
          };
      IntPredicate stayed = i -> staying[i];
      var phase2 =
          phase(
              pid, sender, roomId, deliveries, messages, 2 * messages, rate, stayed, burst, drain);
      r.row("phase 2: the burst", burstReport.toString());
      r.row(
          "phase 2 ("
              + messages
              + " messages during the burst): deliveries to the "
              + countTrue(staying)
              + " who stayed",
          phase2.summary.deliveries());
      r.row(
          "phase 2: time until the last occupant has each message", phase2.summary.lastOccupant());
      r.row("phase 2: server / bench CPU", phase2.cpu);
      r.row("phase 2: sender's room.ack round trip p50 / max", phase2.acks);
      r.row("phase 2: frames the bench received, by type", fleet.countsByType.toString());
      r.row(
          "server at the end",
          String.format(
              "RSS %.0f MiB, %d threads; heap after full GC %.1f MiB",
              Proc.rssKb(pid) / 1024.0, Proc.threads(pid), Proc.heapAfterFullGcKb(pid) / 1024.0));
      var lost = fleet.closedTabs().stream().filter(t -> !churners.contains(t)).toList();
      r.row("tabs the server closed", lost.isEmpty() ? "none" : SocketsBench.closes(lost));
      pinger.shutdownNow();
      fleet.closeAll(java.time.Duration.ofSeconds(60));
      fleet.logouts(tokens.values(), 4);
      rest.logout(adminToken);
    }
    var report =
        r.render(o, started, n, 1)
            .replace(
                "## Idle sockets: " + n + " requested, 1 per account",
                "## Room fan-out: "
                    + n
                    + " occupants, "
                    + messages
                    + " + "
                    + messages
                    + " messages at "
                    + rate
                    + "/s");
    System.out.println(report);
    if (o.containsKey("out")) {
      Files.writeString(Path.of(o.get("out")), report);
    }
    System.exit(0);
  }

  private record Phase(Deliveries.Summary summary, String cpu, String acks) {}

  /**
   * Sends messages [from, to) at {@code rate} (the burst, if any, starts after the first two
   * seconds), then waits until every counted occupant has them all (at most {@code drain}).
   */
  private static Phase phase(
      long pid,
      Tab sender,
      String roomId,
      Deliveries d,
      int from,
      int to,
      double rate,
      IntPredicate counted,
      Runnable burst,
      java.time.Duration drain)
      throws Exception {
    long cpu0 = Proc.cpuNanos(pid);
    long bench0 = Proc.cpuNanos(Proc.self());
    long t0 = System.nanoTime();
    long period = (long) (1e9 / rate);
    var acks = new ArrayList<CompletableFuture<String>>();
    var ackNanos = new long[to - from];
    Thread burstThread = null;
    for (int k = from; k < to; k++) {
      long due = t0 + (k - from) * period;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      if (burst != null && burstThread == null && System.nanoTime() - t0 >= 2_000_000_000L) {
        burstThread = new Thread(burst, "burst");
        burstThread.start();
      }
      int at = k;
      d.sentNanos[k] = System.nanoTime();
      acks.add(
          sender
              .request(
                  "room.send",
                  ",\"roomId\":\""
                      + roomId
                      + "\",\"text\":\"fanout "
                      + k
                      + "\",\"clientMessageId\":\"fo-"
                      + k
                      + "-"
                      + d.sentNanos[k]
                      + "\"")
              .whenComplete((a, e) -> ackNanos[at - from] = System.nanoTime() - d.sentNanos[at]));
    }
    long deadline = System.nanoTime() + drain.toNanos();
    while (!d.complete(from, to, counted) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    long wall = System.nanoTime() - t0;
    var cpu =
        "server "
            + cpu(Proc.cpuNanos(pid) - cpu0, wall)
            + "; bench "
            + cpu(Proc.cpuNanos(Proc.self()) - bench0, wall);
    if (burstThread != null) {
      burstThread.join();
    }
    long notAck = acks.stream().filter(a -> !"room.ack".equals(type(a))).count();
    var sortedAcks = ackNanos.clone();
    java.util.Arrays.sort(sortedAcks);
    var ackLine =
        String.format(
            "%.1f ms / %.1f ms%s",
            Fleet.percentile(sortedAcks, 50) / 1e6,
            sortedAcks[sortedAcks.length - 1] / 1e6,
            notAck == 0 ? "" : "; " + notAck + " not acked (" + type(acks.get(0)) + ")");
    return new Phase(d.summary(from, to, counted), cpu, ackLine);
  }

  /** room.enter on every tab, {@code inFlight} at a time; rate_limited is waited out. */
  static List<Tab> enter(List<Tab> tabs, String roomId, int inFlight) throws Exception {
    var entered = java.util.concurrent.ConcurrentHashMap.<Tab>newKeySet();
    var gate = new Semaphore(inFlight);
    var answers = new ArrayList<CompletableFuture<String>>();
    var failed = new AtomicLong();
    for (var t : tabs) {
      gate.acquire();
      answers.add(
          t.request("room.enter", ",\"roomId\":\"" + roomId + "\"")
              .whenComplete(
                  (a, e) -> {
                    gate.release();
                    if (e == null && "room.entered".equals(Tab.prefixValue(a, "type"))) {
                      entered.add(t);
                    } else {
                      failed.incrementAndGet();
                      log(
                          "room.enter by %s: %s",
                          t.user, e != null ? e : a.substring(0, Math.min(200, a.length())));
                    }
                  }));
    }
    for (var a : answers) {
      try {
        a.get(120, TimeUnit.SECONDS);
      } catch (Exception e) {
        // counted above
      }
    }
    if (failed.get() > 0) {
      log("%d room.enter failed", failed.get());
    }
    return tabs.stream().filter(entered::contains).toList();
  }

  private static String type(CompletableFuture<String> answer) {
    try {
      return Tab.prefixValue(answer.get(60, TimeUnit.SECONDS), "type");
    } catch (Exception e) {
      return "failed: " + e.getMessage();
    }
  }

  private static int countTrue(boolean[] b) {
    int c = 0;
    for (boolean x : b) {
      c += x ? 1 : 0;
    }
    return c;
  }
}
