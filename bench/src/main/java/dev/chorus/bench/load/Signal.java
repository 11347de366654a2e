package dev.chorus.bench.load;

import dev.chorus.bench.common.FlatJson;
import dev.chorus.bench.common.RestCalls;
import dev.chorus.bench.common.TrustAll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * What a browser tab does besides media: REST (log in, create a room; 429/503 with Retry-After
 * waited out) and the {@code /ws} socket (first-message {@code auth}, requests matched to their
 * answers by id, pushes awaited by type). A minimal JSON reader: the bench reads a few flat fields.
 */
final class Signal {
  static final Duration REPLY = Duration.ofSeconds(60);
  private final URI base;
  private final HttpClient http;
  private final RestCalls calls;
  final AtomicInteger retries;

  Signal(URI base) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .sslContext(TrustAll.context())
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.calls = new RestCalls(base, http, REPLY);
    this.retries = calls.retries;
  }

  /** One REST call; repeated while the server answers 429 or 503 with Retry-After. */
  HttpResponse<String> rest(String method, String path, String json, String token)
      throws Exception {
    return calls.call(method, path, json, token);
  }

  static String expect(int status, HttpResponse<String> response, String what) {
    return RestCalls.expect(status, response, what);
  }

  String login(String user, String password) throws Exception {
    return calls.login(user, password);
  }

  /** An account made by an admin (no registration throttle); 409 when it exists is fine. */
  void ensureAccount(String adminToken, String user, String password) throws Exception {
    calls.ensureAccount(adminToken, user, password);
  }

  Socket open(String token) throws Exception {
    var s = new Socket();
    var uri = base.resolve("ws").toString().replaceFirst("^http", "ws");
    s.ws =
        http.newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(URI.create(uri), s)
            .get(REPLY.toSeconds(), TimeUnit.SECONDS);
    s.send("{\"type\":\"auth\",\"id\":\"auth\",\"token\":" + quote(token) + "}");
    s.awaitType("welcome");
    return s;
  }

  /** One authenticated {@code /ws} socket. */
  static final class Socket implements WebSocket.Listener, AutoCloseable {
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final AtomicInteger ids = new AtomicInteger();
    private final java.util.Map<String, CompletableFuture<String>> pending =
        new java.util.concurrent.ConcurrentHashMap<>();
    private WebSocket ws;
    private volatile java.util.function.Consumer<String> offers;

    /** Pushes of type {@code room.media.offer} go to {@code handler} (on the socket's thread). */
    void onOffer(java.util.function.Consumer<String> handler) {
      this.offers = handler;
    }

    void send(String text) throws Exception {
      synchronized (this) {
        ws.sendText(text, true).get(REPLY.toSeconds(), TimeUnit.SECONDS);
      }
    }

    /** Sends {@code {"type":type,"id":…,"roomId":roomId<extra>}}, returns its answer. */
    String request(String type, String roomId, String extra) throws Exception {
      while (true) {
        var id = type + "-" + ids.incrementAndGet();
        var answer = new CompletableFuture<String>();
        pending.put(id, answer);
        String reply;
        try {
          send(
              "{\"type\":\""
                  + type
                  + "\",\"id\":\""
                  + id
                  + "\",\"roomId\":"
                  + quote(roomId)
                  + extra
                  + "}");
          reply = answer.get(REPLY.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          throw new IllegalStateException(
              "no reply to "
                  + id
                  + " within "
                  + REPLY
                  + (closed.isDone() ? ": " + closed.get() : ""));
        } finally {
          pending.remove(id);
        }
        if ("rate_limited".equals(field(reply, "code"))) {
          var after = field(reply, "retryAfterMs");
          Thread.sleep(after == null ? 1_000 : Long.parseLong(after));
          continue;
        }
        return reply;
      }
    }

    String expectReply(String type, String roomId, String extra, String expected) throws Exception {
      var reply = request(type, roomId, extra);
      if (!expected.equals(field(reply, "type"))) {
        throw new IllegalStateException(type + " answered " + reply);
      }
      return reply;
    }

    String awaitType(String type) throws Exception {
      return await(m -> type.equals(field(m, "type")), type);
    }

    private String await(Predicate<String> match, String what) throws Exception {
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
    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        for (var text : FlatJson.messages(partial.toString())) {
          receive(text);
        }
        partial.setLength(0);
      }
      w.request(1);
      return null;
    }

    /** One message from the server (a batch's element counts as one). */
    private void receive(String text) {
      var handler = offers;
      var type = field(text, "type");
      var id = "room.media.offer".equals(type) ? null : field(text, "id");
      var waiting = id == null ? null : pending.get(id);
      if (waiting != null) {
        waiting.complete(text);
      } else if (handler != null && "room.media.offer".equals(type)) {
        handler.accept(text);
      } else {
        messages.add(text);
      }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
      closed.complete(code + " " + reason);
      return null;
    }

    @Override
    public void onError(WebSocket w, Throwable error) {
      closed.complete("error " + error);
    }

    @Override
    public void close() {
      if (!closed.isDone()) {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        try {
          closed.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          ws.abort();
        }
      }
    }
  }

  /** The first string or number value of {@code name} in the JSON text, or null. */
  static String field(String json, String name) {
    return FlatJson.field(json, name);
  }

  static String quote(String s) {
    return FlatJson.quote(s);
  }
}
