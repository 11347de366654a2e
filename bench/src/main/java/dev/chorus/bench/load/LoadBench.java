package dev.chorus.bench.load;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The end-to-end forwarding bench (bench/README.md): drives a Chorus running on this machine over
 * loopback as browsers do (REST log-in, {@code /ws}, room.enter / room.show / room.media.publish
 * and subscribe with SDP, ICE, DTLS, SRTP, RTCP) with one synthetic publisher and N receive-only
 * subscribers per run of the matrix, and optionally a meeting where everyone shows and receives
 * everyone. Measures the server's CPU per forwarded packet, receive ratios, latency, heap and RSS,
 * and its own CPU; prints a Markdown table.
 */
public final class LoadBench {
  static final String PASSWORD = "load bench password 1";
  static final String ROOM_NAME = "Load bench";

  /** Command-line options, {@code --name value}. */
  record Options(
      URI base,
      long pid,
      List<Integer> sizes,
      int meeting,
      Duration window,
      Duration warmup,
      int loops,
      String admin,
      String adminPassword,
      String note,
      int simulatedLoss,
      boolean spreadAddresses,
      String room,
      List<Integer> memory,
      int rounds,
      Path out) {
    static Options parse(String[] args) {
      var map = new LinkedHashMap<String, String>();
      for (int i = 0; i + 1 < args.length; i += 2) {
        if (!args[i].startsWith("--")) {
          throw new IllegalArgumentException("expected --name value, got " + args[i]);
        }
        map.put(args[i].substring(2), args[i + 1]);
      }
      if (!map.containsKey("pid")) {
        throw new IllegalArgumentException("--pid <server pid> is required");
      }
      // --memory K runs the memory bench (MemoryBench) instead of the forwarding matrix
      var memory = list(map.getOrDefault("memory", ""));
      var sizes = list(map.getOrDefault("n", memory.isEmpty() ? "20,60,100,200" : ""));
      return new Options(
          URI.create(map.getOrDefault("base", "https://localhost:8181/")),
          Long.parseLong(map.get("pid")),
          sizes,
          Integer.parseInt(map.getOrDefault("meeting", memory.isEmpty() ? "10" : "0")),
          Duration.parse(map.getOrDefault("window", "PT10S")),
          Duration.parse(map.getOrDefault("warmup", "PT15S")),
          Integer.parseInt(map.getOrDefault("loops", "2")),
          map.getOrDefault("admin", "bench-admin"),
          map.getOrDefault("admin-password", "bench admin password"),
          map.getOrDefault("note", ""),
          Integer.parseInt(map.getOrDefault("simulated-loss", "0")),
          !"one".equals(map.getOrDefault("addresses", "spread")),
          map.get("room"),
          memory,
          Integer.parseInt(map.getOrDefault("rounds", "3")),
          map.containsKey("out") ? Path.of(map.get("out")) : null);
    }
  }

  private static List<Integer> list(String csv) {
    var sizes = new ArrayList<Integer>();
    for (var s : csv.split(",")) {
      if (!s.isBlank() && !s.equals("0")) {
        sizes.add(Integer.parseInt(s.trim()));
      }
    }
    return sizes;
  }

  final Options options;
  final Signal signal;
  private final SecureRandom random = new SecureRandom();
  final ExecutorService setup = Executors.newFixedThreadPool(6);
  private final LinkedHashMap<String, String> tokens = new LinkedHashMap<>();
  String admin;
  private final java.util.concurrent.atomic.AtomicInteger peers =
      new java.util.concurrent.atomic.AtomicInteger();
  String roomId;

  LoadBench(Options options) throws Exception {
    this.options = options;
    if (!InetAddress.getByName(options.base.getHost()).isLoopbackAddress()) {
      throw new IllegalArgumentException("only a server on this machine: " + options.base);
    }
    this.signal = new Signal(options.base);
  }

  public static void main(String[] args) throws Exception {
    var options = Options.parse(args);
    var bench = new LoadBench(options);
    String report;
    try {
      report = bench.run();
    } catch (Exception e) {
      // A failed run leaves receive loops and timers behind: end the process, not just main.
      e.printStackTrace(); // stderr is the bench's log
      System.exit(1);
      return;
    } finally {
      bench.setup.shutdownNow();
    }
    System.out.println(report);
    if (options.out != null) {
      Files.writeString(options.out, report);
    }
    System.exit(0);
  }

  String run() throws Exception {
    var started = Instant.now();
    admin = adminLogin();
    int subscribers =
        java.util.stream.Stream.concat(options.sizes.stream(), options.memory.stream())
            .mapToInt(Integer::intValue)
            .max()
            .orElse(0);
    int publishers = Math.max(1, options.meeting);
    var users = new ArrayList<String>();
    for (int i = 0; i < publishers; i++) {
      users.add("lb-pub-" + i);
    }
    for (int i = 0; i < subscribers; i++) {
      users.add("lb-sub-" + i);
    }
    log("accounts and log-ins: %d users", users.size());
    parallel(
        users,
        u -> {
          signal.ensureAccount(admin, u, PASSWORD);
          var token = signal.login(u, PASSWORD);
          synchronized (tokens) {
            tokens.put(u, token);
          }
          return null;
        });
    roomId = options.room != null ? options.room : room(tokens.get("lb-pub-0"));
    if (!options.memory.isEmpty()) {
      var report = new MemoryBench(this).run(started);
      logOut(admin);
      return report;
    }
    var results = new ArrayList<Result>();
    if (options.simulatedLoss > 0) {
      // the bench's self-check: the server drops this share of the video it sends
      simulatedLoss(admin, options.simulatedLoss);
    }
    try {
      for (int n : options.sizes) {
        results.add(forwarding(n));
      }
      if (options.meeting > 1) {
        results.add(meeting(options.meeting));
      }
    } finally {
      if (options.simulatedLoss > 0) {
        simulatedLoss(admin, 0);
      }
    }
    try {
      logOut(admin);
    } catch (Exception e) {
      // the measurements are taken: a server gone at the end must not lose the report
      log("log-out at the end failed: %s", e);
    }
    return Result.report(options, started, signal.retries.get(), results);
  }

  /**
   * When a subscriber fell short, what the server says of every transport and consumer ({@code GET
   * /api/admin/media}) goes to {@code bench/target/postmortem-<mode>-<n>.json}: whether it still
   * held the transport, its state, and what its consumers sent.
   */
  private Result postMortem(Result r) {
    if (r.worstRatio() >= 0.999) {
      return r;
    }
    try {
      var media = signal.rest("GET", "api/admin/media", null, admin);
      var file = Path.of("bench/target/postmortem-" + r.mode() + "-" + r.n() + ".json");
      Files.createDirectories(file.getParent());
      Files.writeString(file, media.body());
      log("worst subscriber %.4f: the server's media state is in %s", r.worstRatio(), file);
    } catch (Exception e) {
      log("worst subscriber %.4f; the server's media state unreadable: %s", r.worstRatio(), e);
    }
    return r;
  }

  /** One publisher (one video layer + audio), {@code n} receive-only subscribers. */
  private Result forwarding(int n) throws Exception {
    log("forwarding run: 1 publisher, %d subscribers", n);
    try (var run = new Run(options.loops, roomId, setup)) {
      var pubSocket = join("lb-pub-0");
      run.sockets.add(pubSocket);
      run.publishers.add(publish(run, pubSocket, 0, 1));
      var names = new ArrayList<String>();
      for (int i = 0; i < n; i++) {
        names.add("lb-sub-" + i);
      }
      parallel(
          names,
          u -> {
            var socket = join(u);
            run.sockets.add(socket);
            var sub = new ReceiveOnlySubscriber(u, newPeer(), run.loopFor(u), run.answers);
            // at once, not after the others: its consent checks must start within 30 s
            run.subscribers.add(sub);
            sub.subscribe(socket, roomId);
            sub.firstConnected.get(120, TimeUnit.SECONDS);
            return sub;
          });
      return postMortem(Measurement.measure(run, "forward", n, options));
    }
  }

  /** {@code p} participants, each showing two simulcast layers + audio and receiving everyone. */
  private Result meeting(int p) throws Exception {
    log("meeting run: %d participants, 2 simulcast layers + audio each", p);
    try (var run = new Run(options.loops, roomId, setup)) {
      var names = new ArrayList<String>();
      for (int i = 0; i < p; i++) {
        names.add("lb-pub-" + i);
      }
      var sockets = parallel(names, this::join);
      run.sockets.addAll(sockets);
      var subs = new ArrayList<ReceiveOnlySubscriber>();
      for (int i = 0; i < p; i++) {
        var sub =
            new ReceiveOnlySubscriber(names.get(i), newPeer(), run.loopFor(names.get(i)), run.answers);
        sub.subscribe(sockets.get(i), roomId);
        subs.add(sub);
        run.subscribers.add(sub);
        run.publishers.add(publish(run, sockets.get(i), i, 2));
      }
      for (var sub : subs) {
        sub.firstConnected.get(120, TimeUnit.SECONDS);
      }
      return postMortem(Measurement.measure(run, "meeting", p, options));
    }
  }

  /**
   * The public room "Load bench" of {@code lb-pub-0}, made on the first run and found in the
   * directory on later ones: a user may create only {@code chorus.rooms.max-created-per-day}.
   */
  private String room(String owner) throws Exception {
    var found =
        Signal.expect(
            200, signal.rest("GET", "api/rooms?q=Load%20bench&limit=100", null, owner), "rooms");
    var item = java.util.regex.Pattern.compile("\\{[^{}]*\\}").matcher(found);
    while (item.find()) {
      var room = item.group();
      if (ROOM_NAME.equals(Signal.field(room, "name"))
          && "owner".equals(Signal.field(room, "myRole"))
          && "meeting".equals(Signal.field(room, "mode"))) {
        return Signal.field(room, "id");
      }
    }
    var body =
        "{\"name\":\"" + ROOM_NAME + "\",\"topic\":\"load bench\",\"visibility\":\"public\"}";
    return Signal.field(
        Signal.expect(201, signal.rest("POST", "api/rooms", body, owner), "create room"), "id");
  }

  /** Log-in token → socket → room.enter. */
  Signal.Socket join(String user) throws Exception {
    var socket = signal.open(tokens.get(user));
    var entered = socket.request("room.enter", roomId, "");
    if (!"room.entered".equals(Signal.field(entered, "type"))) {
      throw new IllegalStateException(
          user
              + ": room.enter answered "
              + entered
              + ("room_full".equals(Signal.field(entered, "code"))
                  ? " (N + 1 occupants: raise chorus.rooms.max-occupants, 200 by default)"
                  : ""));
    }
    return socket;
  }

  SyntheticPublisher publish(Run run, Signal.Socket socket, int index, int layers)
      throws Exception {
    socket.expectReply("room.show", roomId, "", "ack");
    return publishShowing(run, socket, index, layers);
  }

  /** {@link #publish} by a tab already showing (the memory bench publishes again and again). */
  SyntheticPublisher publishShowing(Run run, Signal.Socket socket, int index, int layers)
      throws Exception {
    var peer = newPeer();
    var publisher = new SyntheticPublisher(index, peer, layers, random);
    var offer = Sdp.publishOffer(peer, publisher.ssrcs, "lb-" + index);
    var tracks =
        ",\"tracks\":[{\"mid\":\"0\",\"source\":\"mic\"},{\"mid\":\"1\",\"source\":"
            + "\"camera\"}]";
    var reply =
        socket.expectReply(
            "room.media.publish",
            roomId,
            ",\"sdp\":" + Signal.quote(offer) + tracks,
            "room.media.published");
    peer.connect(Sdp.Remote.parse(Signal.field(reply, "sdp")), Duration.ofSeconds(30));
    run.loopFor("pub-" + index).add(publisher);
    run.startPacing(publisher);
    return publisher;
  }

  /** Ends every session the bench opened, so that none stays behind on the server. */
  private void logOut(String admin) throws Exception {
    var all = new ArrayList<>(tokens.values());
    all.add(admin);
    parallel(all, t -> signal.rest("DELETE", "api/sessions/current", null, t));
  }

  private void simulatedLoss(String admin, int percent) throws Exception {
    Signal.expect(
        200,
        signal.rest(
            "PUT", "api/admin/media/simulated-loss", "{\"percent\":" + percent + "}", admin),
        "simulated loss");
  }

  /**
   * A peer connection on a loopback address of its own (127.0.0.2, .3, …, then round again), as
   * browsers on different hosts: the server's per-address limits (DTLS handshakes at once) apply to
   * each as to one browser.
   */
  MediaPeer newPeer() throws java.io.IOException {
    int k = peers.getAndIncrement();
    var address =
        options.spreadAddresses
            ? InetAddress.getByAddress(new byte[] {127, 0, (byte) (k / 250), (byte) (2 + k % 250)})
            : InetAddress.getByName("127.0.0.1");
    return new MediaPeer(random, address);
  }

  private String adminLogin() throws Exception {
    signal.rest(
        "POST",
        "api/accounts",
        "{\"username\":"
            + Signal.quote(options.admin)
            + ",\"password\":"
            + Signal.quote(options.adminPassword)
            + ",\"displayName\":"
            + Signal.quote(options.admin)
            + "}",
        null);
    try {
      return signal.login(options.admin, options.adminPassword);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          e.getMessage() + " (is " + options.admin + " in chorus.admins?)", e);
    }
  }

  interface Task<T, R> {
    R call(T item) throws Exception;
  }

  <T, R> List<R> parallel(List<T> items, Task<T, R> task) throws Exception {
    var futures = new ArrayList<Future<R>>();
    for (var item : items) {
      futures.add(setup.submit((Callable<R>) () -> task.call(item)));
    }
    var results = new ArrayList<R>();
    for (var f : futures) {
      results.add(f.get(300, TimeUnit.SECONDS));
    }
    return results;
  }

  static void log(String format, Object... args) {
    System.err.printf("%s " + format + "%n", prepend(Instant.now(), args));
  }

  private static Object[] prepend(Object first, Object[] rest) {
    var all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
