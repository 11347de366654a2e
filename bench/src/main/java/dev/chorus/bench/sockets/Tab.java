package dev.chorus.bench.sockets;

import dev.chorus.bench.common.FlatJson;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * One browser tab's {@code /ws} socket, made to be held by the ten thousand: no queue of what
 * arrives (a push is counted by type and handed to {@link #onPush}, if set), requests matched to
 * their answers by id, sends chained one after the other (the JDK's WebSocket takes one send at a
 * time), WebSocket pings from the server counted (the JDK answers them with a pong by itself).
 */
final class Tab implements WebSocket.Listener {
  private static final AtomicInteger LOGGED_CLOSES = new AtomicInteger();
  final String user;
  final int index;
  final CompletableFuture<String> welcome = new CompletableFuture<>();
  final CompletableFuture<String> closed = new CompletableFuture<>();
  final AtomicInteger pings = new AtomicInteger();
  final AtomicLong texts = new AtomicLong();
  volatile long lastPingNanos;
  volatile long lastTextNanos;
  volatile long closedNanos;
  private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<String, AtomicLong> countsByType;
  private StringBuilder partial = new StringBuilder();
  private volatile BiConsumer<Tab, String> onPush;
  private volatile WebSocket ws;
  private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

  /** {@code countsByType}: shared by a fleet, counts every text frame by its type. */
  Tab(String user, int index, Map<String, AtomicLong> countsByType) {
    this.user = user;
    this.index = index;
    this.countsByType = countsByType;
  }

  /** Every text frame that answers no request of this tab: (tab, frame), on a client thread. */
  void onPush(BiConsumer<Tab, String> handler) {
    this.onPush = handler;
  }

  /** Sends {@code auth}; the future completes with the {@code welcome}. */
  CompletableFuture<String> authenticate(String token) {
    send("{\"type\":\"auth\",\"id\":\"auth\",\"token\":" + Rest.quote(token) + "}");
    return welcome;
  }

  /** Sends {@code {"type":type,"id":…<extra>}}; the future gets the answer with that id. */
  CompletableFuture<String> request(String type, String extra) {
    var id = type + "-" + ids.incrementAndGet();
    var answer = new CompletableFuture<String>();
    pending.put(id, answer);
    send("{\"type\":\"" + type + "\",\"id\":\"" + id + "\"" + extra + "}")
        .whenComplete(
            (ok, e) -> {
              if (e != null) {
                answer.completeExceptionally(e);
              }
            });
    return answer.whenComplete((r, e) -> pending.remove(id));
  }

  /** Queues a text frame behind the previous one; the future completes when it has left. */
  synchronized CompletableFuture<?> send(String text) {
    sending = sending.handle((r, e) -> null).thenCompose(x -> ws.sendText(text, true));
    return sending;
  }

  boolean isOpen() {
    return !closed.isDone() && ws != null && !ws.isInputClosed() && !ws.isOutputClosed();
  }

  /** Sends a normal close; the future completes when the server's close arrives (or fails). */
  CompletableFuture<String> close() {
    if (ws != null && !closed.isDone()) {
      synchronized (this) {
        sending =
            sending
                .handle((r, e) -> null)
                .thenCompose(x -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye"));
      }
    }
    return closed;
  }

  void abort() {
    if (ws != null) {
      ws.abort();
    }
    closed.complete("aborted");
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    this.ws = webSocket;
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
    String text = null;
    if (last && partial.length() == 0) {
      text = data.toString(); // the usual case: one piece, no copy kept
    } else {
      partial.append(data);
      if (last) {
        text = partial.toString();
        // a fresh builder: 10,000 tabs keeping the capacity of one presence snapshot each (about
        // 130 KB with 1,000 users online) would hold gigabytes
        partial = new StringBuilder();
      }
    }
    if (text != null) {
      for (var message : FlatJson.messages(text)) {
        receive(message);
      }
    }
    w.request(1);
    return null;
  }

  /** One message from the server (a batch's element counts as one). */
  private void receive(String text) {
    texts.incrementAndGet();
    lastTextNanos = System.nanoTime();
    var type = prefixValue(text, "type");
    countsByType
        .computeIfAbsent(type == null ? "?" : type, t -> new AtomicLong())
        .incrementAndGet();
    var id = pending.isEmpty() && !"welcome".equals(type) ? null : prefixValue(text, "id");
    var waiting = id == null ? null : pending.get(id);
    if ("welcome".equals(type)) {
      welcome.complete(text);
    } else if (waiting != null) {
      waiting.complete(text);
    } else {
      var handler = onPush;
      if (handler != null) {
        handler.accept(this, text);
      }
    }
  }

  @Override
  public CompletionStage<?> onPing(WebSocket w, ByteBuffer message) {
    pings.incrementAndGet();
    lastPingNanos = System.nanoTime();
    w.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
    var why = code + " " + reason;
    closedNanos = System.nanoTime();
    if (code != WebSocket.NORMAL_CLOSURE && LOGGED_CLOSES.incrementAndGet() <= 5) {
      Fleet.log(
          "server closed %s#%d: %s (welcome %s, %d texts)",
          user, index, why, welcome.isDone(), texts.get());
    }
    closed.complete(why);
    welcome.completeExceptionally(new IllegalStateException("closed before welcome: " + why));
    pending.values().forEach(p -> p.completeExceptionally(new IllegalStateException(why)));
    return null;
  }

  @Override
  public void onError(WebSocket w, Throwable error) {
    closedNanos = System.nanoTime();
    if (LOGGED_CLOSES.incrementAndGet() <= 5) {
      Fleet.log(
          "socket error %s#%d: %s (welcome %s, %d texts)",
          user, index, error, welcome.isDone(), texts.get());
    }
    closed.complete("error " + error);
    welcome.completeExceptionally(error);
    pending.values().forEach(p -> p.completeExceptionally(error));
  }

  /**
   * The first {@code "name":"value"} string of the frame: for the server's frames the top-level
   * {@code type} and {@code id} come first (a reply's id before any nested object's).
   */
  static String prefixValue(String json, String name) {
    var key = "\"" + name + "\":\"";
    int at = json.indexOf(key);
    if (at < 0) {
      return null;
    }
    int from = at + key.length();
    int to = json.indexOf('"', from);
    return to < 0 ? null : json.substring(from, to);
  }
}
