package dev.chorus.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The soak (see bench/README.md): join/leave/show cycles against a running Chorus on this machine,
 * with the server's threads, file descriptors, heap after a full GC and database rows measured
 * before and after. One cycle: log in, open a socket, enter a room, show, publish an SDP offer,
 * leave, close the socket, log out. JDK only, so it runs as a single-file program ({@code java
 * Soak.java}) as well as from the bench build.
 */
public final class Soak {
  private static final Duration REPLY = Duration.ofSeconds(30);
  private static final String PASSWORD = "soak password 1";

  private final Options options;
  private final HttpClient http;
  private final String offer;
  private final SecureRandom random = new SecureRandom();
  private String adminToken;
  private int rateLimitedRetries;

  /** Command-line options, {@code --name value}. */
  record Options(
      URI base,
      long pid,
      int cycles,
      int users,
      int warmup,
      Duration maxTime,
      Duration settle,
      String admin,
      String adminPassword,
      boolean tokenInUrl,
      Path offerFile,
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
      return new Options(
          URI.create(map.getOrDefault("base", "https://localhost:8181/")),
          Long.parseLong(map.get("pid")),
          Integer.parseInt(map.getOrDefault("cycles", "1000")),
          Integer.parseInt(map.getOrDefault("users", "10")),
          Integer.parseInt(map.getOrDefault("warmup", "50")),
          Duration.parse(map.getOrDefault("max-time", "PT45M")),
          Duration.parse(map.getOrDefault("settle", "PT5S")),
          map.getOrDefault("admin", "soak-admin"),
          map.getOrDefault("admin-password", "soak admin password"),
          "url".equals(map.getOrDefault("auth", "message")),
          Path.of(
              map.getOrDefault(
                  "offer",
                  "src/test/resources/sdp/chromium-156-audio-video-datachannel-offer.sdp")),
          map.containsKey("out") ? Path.of(map.get("out")) : null);
    }
  }

  /** What was measured at one moment. */
  record Snapshot(
      Instant at,
      int threads,
      int fds,
      int socketFds,
      long heapUsedKb,
      Map<String, Long> rows,
      String media) {}

  Soak(Options options) throws IOException {
    this.options = options;
    // Only ever loopback: this tool opens a thousand sessions and must not be aimed elsewhere.
    if (!InetAddress.getByName(options.base.getHost()).isLoopbackAddress()) {
      throw new IllegalArgumentException("only a server on this machine: " + options.base);
    }
    this.http =
        HttpClient.newBuilder()
            .sslContext(trustAll())
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    // Chrome's offer without candidates; each cycle gets its own ICE credentials.
    this.offer =
        Files.readString(options.offerFile)
            .replace("\r\n", "\n")
            .replaceAll("a=candidate:[^\n]*\n", "")
            .replace("\n", "\r\n");
  }

  public static void main(String[] args) throws Exception {
    var options = Options.parse(args);
    var soak = new Soak(options);
    var report = soak.run();
    System.out.println(report);
    if (options.out != null) {
      Files.writeString(options.out, report);
    }
  }

  String run() throws Exception {
    var deadline = System.nanoTime() + options.maxTime.toNanos();
    adminToken = adminLogin();
    var tag = Long.toString(System.currentTimeMillis() % 10_000_000, 36);
    var users = new ArrayList<String>();
    for (int i = 0; i < options.users; i++) {
      var name = "soak-" + tag + "-" + i;
      expect(201, post("api/accounts", registration(name), null), "register " + name);
      users.add(name);
    }
    var roomId =
        field(
            expect(201, post("api/rooms", room("Soak " + tag), login(users.get(0))), "room"), "id");

    int done = 0;
    for (int i = 0; i < options.warmup; i++) {
      cycle(users.get(i % users.size()), roomId);
    }
    var start = snapshot();
    var started = System.nanoTime();
    while (done < options.cycles && System.nanoTime() < deadline) {
      cycle(users.get(done % users.size()), roomId);
      done++;
      if (done % 100 == 0) {
        System.err.printf("%d cycles, %d s%n", done, (System.nanoTime() - started) / 1_000_000_000);
      }
    }
    var took = Duration.ofNanos(System.nanoTime() - started);
    // Let closes finish (offline grace, transport teardown) and periodic clean-ups run.
    Thread.sleep(options.settle.toMillis());
    var end = snapshot();
    return report(tag, done, took, start, end);
  }

  /** One user's visit: log in, socket, enter, show, publish, leave, close, log out. */
  private void cycle(String user, String roomId) throws Exception {
    var token = login(user);
    try (var ws = Socket.open(http, options.base, token, options.tokenInUrl)) {
      request(ws, "room.enter", roomId, "", "room.entered");
      request(ws, "room.show", roomId, "", "ack");
      var sdp =
          offer
              .replaceAll("a=ice-ufrag:[^\r]*", "a=ice-ufrag:" + hex(4))
              .replaceAll("a=ice-pwd:[^\r]*", "a=ice-pwd:" + hex(12));
      request(ws, "room.media.publish", roomId, ",\"sdp\":" + quote(sdp), "room.media.published");
      request(ws, "room.leave", roomId, "", "ack");
    }
    expect(204, send("DELETE", "api/sessions/current", null, token), "logout");
  }

  /** Sends a room request and waits for its answer; waits and repeats it when rate limited. */
  private void request(Socket ws, String type, String roomId, String extra, String expected)
      throws Exception {
    while (true) {
      var id = type + "-" + hex(4);
      ws.send(
          "{\"type\":\""
              + type
              + "\",\"id\":\""
              + id
              + "\",\"roomId\":\""
              + roomId
              + "\""
              + extra
              + "}");
      var reply = ws.reply(id);
      var got = field(reply, "type");
      if (got.equals(expected)) {
        return;
      }
      if ("rate_limited".equals(field(reply, "code"))) {
        rateLimitedRetries++;
        var after = field(reply, "retryAfterMs");
        Thread.sleep(after == null ? 1_000 : Long.parseLong(after));
        continue;
      }
      throw new IllegalStateException(type + " answered " + reply);
    }
  }

  private Snapshot snapshot() throws Exception {
    var status = Files.readAllLines(Path.of("/proc", Long.toString(options.pid), "status"));
    int threads =
        status.stream()
            .filter(l -> l.startsWith("Threads:"))
            .map(l -> Integer.parseInt(l.substring(8).trim()))
            .findFirst()
            .orElse(-1);
    int fds = 0;
    int sockets = 0;
    try (var list = Files.list(Path.of("/proc", Long.toString(options.pid), "fd"))) {
      for (var fd : (Iterable<Path>) list::iterator) {
        fds++;
        try {
          if (Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
            sockets++;
          }
        } catch (IOException gone) {
          // closed while listing
        }
      }
    }
    jcmd("GC.run");
    jcmd("GC.run");
    var heap = jcmd("GC.heap_info");
    var used = Pattern.compile("used (\\d+)K").matcher(heap);
    long heapKb = used.find() ? Long.parseLong(used.group(1)) : -1;
    var stats = expect(200, send("GET", "api/admin/database", null, adminToken), "db stats");
    var rows = new LinkedHashMap<String, Long>();
    var m = Pattern.compile("\"(\\w+)\":(\\d+)").matcher(stats);
    while (m.find()) {
      rows.put(m.group(1), Long.parseLong(m.group(2)));
    }
    var media = send("GET", "api/admin/media", null, adminToken).body();
    var mediaSummary =
        "iceSessions=" + field(media, "iceSessions") + " mediaThreads=" + field(media, "threads");
    return new Snapshot(Instant.now(), threads, fds, sockets, heapKb, rows, mediaSummary);
  }

  private String jcmd(String command) throws Exception {
    var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    var process =
        new ProcessBuilder(jcmd, Long.toString(options.pid), command)
            .redirectErrorStream(true)
            .start();
    var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + command + " failed: " + out);
    }
    return out;
  }

  private String report(String tag, int done, Duration took, Snapshot start, Snapshot end) {
    var b = new StringBuilder();
    b.append("# Chorus soak ").append(tag).append('\n');
    b.append("server: ").append(options.base).append(" pid ").append(options.pid).append('\n');
    b.append(
        String.format(
            "cycles: %d of %d in %d s (after %d warm-up cycles; end measured %d s after the"
                + " last), %d users, %d rate-limited retries%n",
            done,
            options.cycles,
            took.toSeconds(),
            options.warmup,
            options.settle.toSeconds(),
            options.users,
            rateLimitedRetries));
    b.append("cycle: login, socket, room.enter, room.show, room.media.publish (SDP offer, no ICE),")
        .append(" room.leave, close, logout\n\n");
    b.append("| measure | start | end | change |\n|---|---|---|---|\n");
    row(b, "threads", start.threads, end.threads);
    row(b, "file descriptors", start.fds, end.fds);
    row(b, "  of which sockets", start.socketFds, end.socketFds);
    row(b, "heap used after full GC (KB)", start.heapUsedKb, end.heapUsedKb);
    for (var e : end.rows.entrySet()) {
      row(b, "rows " + e.getKey(), start.rows.getOrDefault(e.getKey(), 0L), e.getValue());
    }
    b.append("\nmedia at start: ").append(start.media).append('\n');
    b.append("media at end:   ").append(end.media).append('\n');
    return b.toString();
  }

  private static void row(StringBuilder b, String name, long start, long end) {
    b.append(String.format("| %s | %d | %d | %+d |%n", name, start, end, end - start));
  }

  // --- REST ---

  private String adminLogin() throws Exception {
    // Answered 409 (or refused) when the account exists already, e.g. created at startup.
    post("api/accounts", registrationAs(options.admin, options.adminPassword), null);
    return field(
        expect(
            201,
            post("api/sessions", credentials(options.admin, options.adminPassword), null),
            "admin login (is " + options.admin + " in chorus.admins?)"),
        "token");
  }

  private String login(String user) throws Exception {
    return field(
        expect(201, post("api/sessions", credentials(user, PASSWORD), null), "login"), "token");
  }

  private HttpResponse<String> post(String path, String json, String token) throws Exception {
    return send("POST", path, json, token);
  }

  /** One REST call; waits and repeats it while the server answers 429 or 503 with Retry-After. */
  private HttpResponse<String> send(String method, String path, String json, String token)
      throws Exception {
    while (true) {
      var b =
          HttpRequest.newBuilder(options.base.resolve(path))
              .timeout(REPLY)
              .header("Accept", "application/json");
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      if (json != null) {
        b.header("Content-Type", "application/json");
      }
      b.method(
          method,
          json == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(json));
      var response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      var retry = response.headers().firstValue("Retry-After");
      if ((response.statusCode() == 429 || response.statusCode() == 503) && retry.isPresent()) {
        rateLimitedRetries++;
        Thread.sleep(Math.min(60, Long.parseLong(retry.get())) * 1000);
        continue;
      }
      return response;
    }
  }

  private static String expect(int status, HttpResponse<String> response, String what) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          what + ": expected " + status + ", got " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  private static String registration(String name) {
    return registrationAs(name, PASSWORD);
  }

  private static String registrationAs(String name, String password) {
    return "{\"username\":"
        + quote(name)
        + ",\"password\":"
        + quote(password)
        + ",\"displayName\":"
        + quote(name)
        + "}";
  }

  private static String credentials(String name, String password) {
    return "{\"username\":" + quote(name) + ",\"password\":" + quote(password) + "}";
  }

  private static String room(String name) {
    return "{\"name\":" + quote(name) + ",\"topic\":\"soak\",\"visibility\":\"public\"}";
  }

  // --- minimal JSON: the soak reads a few flat fields only ---

  /** The first string or number value of {@code name} in the JSON text, or null. */
  static String field(String json, String name) {
    Matcher m =
        Pattern.compile(
                "\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|-?\\d+)")
            .matcher(json);
    if (!m.find()) {
      return null;
    }
    return m.group(2) != null ? m.group(2) : m.group(1);
  }

  static String quote(String s) {
    var b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\r' -> b.append("\\r");
        case '\n' -> b.append("\\n");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private String hex(int bytes) {
    var b = new byte[bytes];
    random.nextBytes(b);
    var s = new StringBuilder();
    for (var x : b) {
      s.append(String.format("%02x", x));
    }
    return s.toString();
  }

  private static SSLContext trustAll() {
    try {
      var ctx = SSLContext.getInstance("TLS");
      ctx.init(
          null,
          new TrustManager[] {
            new X509TrustManager() {
              @Override
              public void checkClientTrusted(X509Certificate[] chain, String authType) {}

              @Override
              public void checkServerTrusted(X509Certificate[] chain, String authType) {}

              @Override
              public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
              }
            }
          },
          new SecureRandom());
      return ctx;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One {@code /ws} socket: authenticated, past its welcome; replies are matched by id. */
  static final class Socket implements WebSocket.Listener, AutoCloseable {
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static Socket open(HttpClient http, URI base, String token, boolean tokenInUrl)
        throws Exception {
      var s = new Socket();
      var uri = base.resolve("ws").toString().replaceFirst("^http", "ws");
      if (tokenInUrl) {
        uri += "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
      }
      s.socket =
          http.newWebSocketBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .buildAsync(URI.create(uri), s)
              .get(REPLY.toSeconds(), TimeUnit.SECONDS);
      if (!tokenInUrl) {
        s.send("{\"type\":\"auth\",\"id\":\"auth\",\"token\":" + quote(token) + "}");
      }
      s.awaitType("welcome");
      return s;
    }

    void send(String text) throws Exception {
      socket.sendText(text, true).get(REPLY.toSeconds(), TimeUnit.SECONDS);
    }

    String reply(String id) throws Exception {
      return await(m -> id.equals(field(m, "id")), "reply to " + id);
    }

    void awaitType(String type) throws Exception {
      await(m -> type.equals(field(m, "type")), type);
    }

    private String await(java.util.function.Predicate<String> match, String what) throws Exception {
      var deadline = System.nanoTime() + REPLY.toNanos();
      while (true) {
        var left = deadline - System.nanoTime();
        var m = left <= 0 ? null : messages.poll(left, TimeUnit.NANOSECONDS);
        if (m == null) {
          throw new IllegalStateException(
              "no " + what + " within " + REPLY + (closed.isDone() ? ": " + closed.get() : ""));
        }
        if (match.test(m)) {
          return m;
        }
      }
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.addAll(batchElements(partial.toString()));
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    /**
     * A frame's messages: itself, or a {@code batch}'s elements (docs/protocol.md). A copy of
     * bench/common's FlatJson.messages: this file runs on its own ({@code java Soak.java}).
     */
    private static List<String> batchElements(String frame) {
      var open = "{\"type\":\"batch\",\"messages\":[";
      if (!frame.startsWith(open)) {
        return List.of(frame);
      }
      var out = new ArrayList<String>();
      int depth = 0;
      int start = -1;
      boolean inString = false;
      for (int i = open.length(); i < frame.length(); i++) {
        char c = frame.charAt(i);
        if (inString) {
          if (c == '\\') {
            i++;
          } else if (c == '"') {
            inString = false;
          }
        } else if (c == '"') {
          inString = true;
        } else if (c == '{' && depth++ == 0) {
          start = i;
        } else if (c == '}' && --depth == 0) {
          out.add(frame.substring(start, i + 1));
        }
      }
      return out;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
      closed.complete(code + " " + reason);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.complete("error " + error);
    }

    @Override
    public void close() throws Exception {
      if (!closed.isDone()) {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        // The server's close answers ours: the socket is gone on both sides before the next cycle.
        closed.get(REPLY.toSeconds(), TimeUnit.SECONDS);
      }
    }
  }
}
