package dev.chorus.bench.load;

import dev.chorus.bench.common.ServerProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code --memory K}: the server's heap per WebRtcTransport and per Consumer (issue 16, item 4),
 * measured through the real server as differences of the heap after full GCs between phases that
 * differ in one thing only. With one publisher (audio + video: C = 2 consumers per subscriber) and
 * K subscribers, all in the room from the start:
 *
 * <ol>
 *   <li><b>base</b>: K + 1 sockets in the room, the publisher showing, no transport;
 *   <li><b>producer</b>: the publisher publishes and sends (its send transport, two producers and
 *       their retransmission caches), nobody subscribes;
 *   <li><b>K idle transports</b>: the publisher closes its media; the K subscribe. With nobody
 *       publishing the server makes the receive transport (ICE session, DTLS identity) but sends no
 *       offer, so nothing connects: a transport that was never connected;
 *   <li>then {@code rounds} times: <b>K × C</b>: the publisher publishes again, every subscriber
 *       gets an offer, answers, connects (ICE, DTLS, SRTP) and receives for a while; <b>K
 *       connected, 0 consumers</b>: the publisher closes its media, its consumers close, the
 *       subscribers answer the offer that makes their sections inactive and stay connected
 *       (consent checks and receiver reports go on).
 * </ol>
 *
 * Per connected transport = (K connected, 0 consumers − base) ÷ K; per consumer = (K × C − K
 * connected, 0 consumers − producer + base) ÷ (K · C). Each heap figure is the lowest of {@link
 * #GCS} full GCs in a row ({@code jcmd GC.run}, then {@code GC.heap_info}): what a packet thread
 * allocated between the GC and the reading only adds, so the lowest is the closest to what is held.
 * Class histograms (taken at the last round) name the big parts.
 */
final class MemoryBench {
  /** Full GCs per heap reading; the lowest counts, the spread is reported. */
  static final int GCS = 3;

  /** Consumers per subscriber: the publisher's audio and video. */
  static final int C = 2;

  private static final Pattern CONNECTED = Pattern.compile("\"state\":\"connected\"");
  private static final Pattern TRANSPORT = Pattern.compile("\"iceState\"");
  private static final Pattern CONSUMER = Pattern.compile("\"subscriber\":");

  private final LoadBench bench;
  private final long pid;
  private final Duration settle;
  private final StringBuilder phases = new StringBuilder();
  private final StringBuilder summary = new StringBuilder();
  private final StringBuilder histograms = new StringBuilder();

  MemoryBench(LoadBench bench) {
    this.bench = bench;
    this.pid = bench.options.pid();
    this.settle = bench.options.warmup();
  }

  /** One heap reading: the lowest and highest of {@link #GCS} full GCs, and the server's counts. */
  record Reading(String phase, long lowKb, long highKb, String counts) {}

  String run(Instant started) throws Exception {
    for (int k : bench.options.memory()) {
      measure(k);
    }
    var b = new StringBuilder("# Chorus heap per transport and per consumer (load bench --memory)\n\n");
    if (!bench.options.note().isBlank()) {
      b.append("**").append(bench.options.note()).append("**\n\n");
    }
    b.append("started ")
        .append(started)
        .append(", took ")
        .append(Duration.between(started, Instant.now()).toSeconds())
        .append(" s; server ")
        .append(bench.options.base())
        .append(" pid ")
        .append(pid)
        .append("; ")
        .append(settle.toSeconds())
        .append(" s settle before each reading; heap = lowest of ")
        .append(GCS)
        .append(" full GCs (jcmd GC.run + GC.heap_info), the highest in brackets; ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" CPUs; load average ")
        .append(Result.loadAverage())
        .append("\n\n1 publisher (audio + video, 100 + 50 packets/s, stopped before the producer and"
            + " consumer readings: the TLABs of busy threads count as used), K receive-only"
            + " subscribers; C = 2 consumers per subscriber. Counts from GET /api/admin/media:"
            + " transports (connected) / consumers.\n\n");
    b.append("## Per unit\n\n| K | round | per never-connected transport KiB | per connected"
            + " transport KiB | per consumer KiB (the round's producer ÷ K · C included) | the same −"
            + " producer alone | producer alone (1 send transport, 2 producers) KiB |\n"
            + "|---|---|---|---|---|---|---|\n")
        .append(summary)
        .append("\n## Readings\n\n| K | phase | heap after GC MiB (lowest) | highest of ")
        .append(GCS)
        .append(" | transports (connected) / consumers |\n|---|---|---|---|---|\n")
        .append(phases)
        .append('\n')
        .append(histograms);
    return b.toString();
  }

  private void measure(int k) throws Exception {
    LoadBench.log("memory run: 1 publisher, %d subscribers, %d rounds", k, bench.options.rounds());
    try (var run = new Run(bench.options.loops(), bench.roomId, bench.setup)) {
      var pubSocket = bench.join("lb-pub-0");
      run.sockets.add(pubSocket);
      pubSocket.expectReply("room.show", bench.roomId, "", "ack");
      warmUp(run, pubSocket);
      var names = new ArrayList<String>();
      for (int i = 0; i < k; i++) {
        names.add("lb-sub-" + i);
      }
      var sockets = bench.parallel(names, bench::join);
      run.sockets.addAll(sockets);
      var base = reading(k, "base: K + 1 sockets in the room, no transport");
      var hBase = Histogram.take(pid);
      dump(k, "base");

      var publisher = publish(run, pubSocket);
      Thread.sleep(settle.toMillis()); // its retransmission cache fills (512 packets: 5 s of video)
      run.stopPacing(publisher);
      var producer = reading(k, "producer: the publisher sent, nobody subscribes");
      var hProducer = Histogram.take(pid);
      dump(k, "producer");
      unpublish(run, pubSocket, publisher, List.of());

      var subs = new ArrayList<ReceiveOnlySubscriber>();
      for (int i = 0; i < k; i++) {
        subs.add(
            new ReceiveOnlySubscriber(
                names.get(i), bench.newPeer(), run.loopFor(names.get(i)), run.answers));
      }
      run.subscribers.addAll(subs);
      bench.parallel(
          List.of(subs.toArray(new ReceiveOnlySubscriber[0])),
          s -> {
            s.subscribe(sockets.get(subs.indexOf(s)), bench.roomId);
            return null;
          });
      var idle = reading(k, "K transports, never connected (subscribed, nobody publishes)");
      var hIdle = Histogram.take(pid);
      double perIdle = (idle.lowKb - base.lowKb) / (double) k;
      double perProducer = producer.lowKb - base.lowKb;

      Histogram hFull = null;
      Histogram hEmpty = null;
      Histogram firstFull = null;
      Histogram firstEmpty = null;
      for (int r = 1; r <= bench.options.rounds(); r++) {
        publisher = publish(run, pubSocket);
        for (var s : subs) {
          s.firstConnected.get(120, TimeUnit.SECONDS);
        }
        waitForVideo(subs);
        Thread.sleep(settle.toMillis()); // histories and pools fill
        // Readings while 30,000 packets/s flow were off by up to ±10 KiB per consumer: every
        // thread that allocates right after a GC takes a fresh TLAB, which GC.heap_info counts as
        // used. So the publisher stops sending first; its consumers stay.
        run.stopPacing(publisher);
        var full = reading(k, "round " + r + ": K × C consumers, media stopped");
        hFull = Histogram.take(pid); // every round: what later rounds hold more than the first
        firstFull = r == 1 ? hFull : firstFull;
        unpublish(run, pubSocket, publisher, subs);
        var empty = reading(k, "round " + r + ": K connected, 0 consumers");
        hEmpty = Histogram.take(pid);
        if (r == bench.options.rounds()) {
          dump(k, "connected");
        }
        firstEmpty = r == 1 ? hEmpty : firstEmpty;
        double perTransport = (empty.lowKb - base.lowKb) / (double) k;
        // The round's producer stays in (÷ K · C): the producer alone (phase 2) held more than
        // the one present in a round, so subtracting it undercounts; both are printed.
        double perConsumer = (full.lowKb - empty.lowKb) / (double) (k * C);
        double lessProducer = (full.lowKb - empty.lowKb - perProducer) / (double) (k * C);
        summary.append(
            String.format(
                "| %d | %d | %.1f | %.1f | %.1f | %.1f | %.0f |%n",
                k, r, perIdle, perTransport, perConsumer, lessProducer, perProducer));
      }
      histograms(k, hBase, hIdle, hFull, hEmpty);
      if (!hProducer.isEmpty()) {
        histograms
            .append("### The producer side (the publisher sending, nobody subscribed − base, whole)\n\n")
            .append(hProducer.table(hBase, 1, 12))
            .append('\n');
      }
      if (bench.options.rounds() > 1 && !firstFull.isEmpty() && !firstEmpty.isEmpty()) {
        histograms
            .append("### Round ")
            .append(bench.options.rounds())
            .append(" − round 1, with consumers (÷ K)\n\n")
            .append(hFull.table(firstFull, k, 12))
            .append("\n### Round ")
            .append(bench.options.rounds())
            .append(" − round 1, without consumers (÷ K)\n\n")
            .append(hEmpty.table(firstEmpty, k, 12))
            .append('\n');
      }
    }
  }

  /**
   * One publish → subscribe → connect → receive → close before the base reading: the first
   * transport of a fresh server loads classes, native SRTP, caches and pools once (about 3.5 MiB in a
   * smoke run), which would otherwise be counted in whichever phase came first.
   */
  private void warmUp(Run run, Signal.Socket pubSocket) throws Exception {
    var socket = bench.join("lb-sub-0");
    var publisher = publish(run, pubSocket);
    var sub = new ReceiveOnlySubscriber("warm-up", bench.newPeer(), run.loopFor("warm-up"), run.answers);
    sub.subscribe(socket, bench.roomId);
    sub.firstConnected.get(120, TimeUnit.SECONDS);
    waitForVideo(List.of(sub));
    Thread.sleep(2_000);
    unpublish(run, pubSocket, publisher, List.of(sub));
    sub.closing = true;
    socket.close(); // closes its receive transport; the router goes with the room's last transport
    sub.close();
  }

  /** Publishes (audio + video) and starts sending; returns once the server answered and ICE/DTLS are up. */
  private SyntheticPublisher publish(Run run, Signal.Socket socket) throws Exception {
    var publisher = bench.publishShowing(run, socket, 0, 1);
    run.publishers.add(publisher);
    return publisher;
  }

  /**
   * Stops sending, closes the publisher's media ({@code room.media.close}: its send transport, its
   * producers and every consumer of them), and waits until every subscriber has answered the offer
   * that makes its sections inactive.
   */
  private void unpublish(
      Run run, Signal.Socket socket, SyntheticPublisher publisher, List<ReceiveOnlySubscriber> subs)
      throws Exception {
    long[] answered = subs.stream().mapToLong(s -> s.offersAnswered).toArray();
    run.stopPacing(publisher);
    run.publishers.remove(publisher);
    socket.expectReply("room.media.close", bench.roomId, "", "ack");
    publisher.peer.close();
    long until = System.nanoTime() + 60_000_000_000L;
    for (int i = 0; i < subs.size(); i++) {
      while (subs.get(i).offersAnswered <= answered[i] && System.nanoTime() < until) {
        Thread.sleep(50);
      }
    }
    long late = 0;
    for (int i = 0; i < subs.size(); i++) {
      late += subs.get(i).offersAnswered <= answered[i] ? 1 : 0;
    }
    if (late > 0) {
      LoadBench.log("%d subscribers did not answer the offer without consumers within 60 s", late);
    }
  }

  private static void waitForVideo(List<ReceiveOnlySubscriber> subs) throws InterruptedException {
    long until = System.nanoTime() + 30_000_000_000L;
    var before = subs.stream().mapToLong(s -> s.videoPackets).toArray();
    for (int i = 0; i < subs.size(); i++) {
      while (subs.get(i).videoPackets <= before[i] && System.nanoTime() < until) {
        Thread.sleep(50);
      }
    }
  }

  /** After the settle time, {@link #GCS} full GCs; the server's own counts of what it holds. */
  private Reading reading(int k, String phase) throws Exception {
    Thread.sleep(settle.toMillis());
    long low = Long.MAX_VALUE;
    long high = 0;
    for (int i = 0; i < GCS; i++) {
      long kb = ServerProcess.heapAfterFullGcKb(pid);
      low = Math.min(low, kb);
      high = Math.max(high, kb);
    }
    var media = bench.signal.rest("GET", "api/admin/media", null, bench.admin).body();
    var counts =
        String.format(
            "%d (%d) / %d", count(TRANSPORT, media), count(CONNECTED, media), count(CONSUMER, media));
    var r = new Reading(phase, low, high, counts);
    phases.append(
        String.format(
            "| %d | %s | %.2f | %.2f | %s |%n", k, phase, low / 1024.0, high / 1024.0, counts));
    LoadBench.log("K = %d, %s: %.2f MiB (highest %.2f), %s", k, phase, low / 1024.0, high / 1024.0, counts);
    return r;
  }

  /**
   * With {@code -Dmemory.dump=DIR} in JAVA_OPTS, a heap dump of the server ({@code jcmd
   * GC.heap_dump}, live objects only) at base, producer and the last "K connected, 0 consumers",
   * for bench/hprof-owners.py, which names the owners of the arrays a class histogram cannot.
   */
  private void dump(int k, String phase) {
    var dir = System.getProperty("memory.dump");
    if (dir != null) {
      var file = java.nio.file.Path.of(dir, "heap-" + k + "-" + phase + ".hprof").toAbsolutePath();
      LoadBench.log("heap dump %s: %s", file, ServerProcess.jcmd(pid, "GC.heap_dump " + file).trim());
    }
  }

  private static int count(Pattern p, String s) {
    var m = p.matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private void histograms(int k, Histogram base, Histogram idle, Histogram full, Histogram empty) {
    if (base.isEmpty() || idle.isEmpty() || full == null || empty == null || empty.isEmpty()) {
      histograms.append("(class histograms unavailable: jcmd GC.class_histogram failed)\n\n");
      return;
    }
    histograms
        .append("## K = ")
        .append(k)
        .append(": what grew, by class (jcmd GC.class_histogram, last round)\n\n")
        .append("### Per never-connected transport (K transports − base, ÷ K)\n\n")
        .append(idle.table(base, k, 20))
        .append('\n')
        .append(idle.groups(base, k))
        .append("\n### Per connected transport without consumers (− base, ÷ K)\n\n")
        .append(empty.table(base, k, 20))
        .append('\n')
        .append(empty.groups(base, k))
        .append("\n### Per consumer (K × C − K connected without consumers, ÷ K · C; includes the")
        .append(" producer side once, ÷ K · C)\n\n")
        .append(full.table(empty, k * C, 20))
        .append('\n')
        .append(full.groups(empty, k * C))
        .append('\n');
  }
}
