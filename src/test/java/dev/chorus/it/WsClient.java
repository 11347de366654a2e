package dev.chorus.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A JDK WebSocket client of {@code /ws} that queues what the server sends, for assertions. */
public final class WsClient implements WebSocket.Listener, AutoCloseable {
  /** How the server closed the socket. */
  public record Closed(int code, String reason) {}

  private final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
  private final CompletableFuture<Closed> closed = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket;

  private WsClient() {}

  /** Connects with {@code ?token=}; a null token connects without one. */
  public static WsClient connect(TestClient client, String token) {
    return connect(client, ChorusServer.wss(), token);
  }

  /** Connects to the socket at {@code endpoint} with {@code ?token=}. */
  public static WsClient connect(TestClient client, URI endpoint, String token) {
    var ws = new WsClient();
    var uri = endpoint.toString();
    if (token != null) {
      uri += "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
    ws.socket =
        client
            .http()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(URI.create(uri), ws)
            .join();
    return ws;
  }

  public void send(String text) {
    socket.sendText(text, true).join();
  }

  public void send(JsonObject json) {
    send(json.toString());
  }

  /** The next message, or fails after the timeout. */
  public JsonObject next(Duration timeout) {
    try {
      var m = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (m == null) {
        throw new AssertionError("no message within " + timeout);
      }
      return m;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next message matching, skipping others (e.g. presence pushes). */
  public JsonObject next(Predicate<JsonObject> match, Duration timeout) {
    var deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      var left = Duration.ofNanos(deadline - System.nanoTime());
      if (left.isNegative()) {
        throw new AssertionError("no matching message within " + timeout);
      }
      var m = next(left);
      if (match.test(m)) {
        return m;
      }
    }
  }

  public JsonObject nextOfType(String type) {
    return next(m -> type.equals(m.getString("type", "")), Duration.ofSeconds(10));
  }

  public Closed awaitClose(Duration timeout) {
    try {
      return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("socket not closed within " + timeout, e);
    }
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      try (var r = Json.createReader(new StringReader(partial.toString()))) {
        messages.add(r.readObject());
      }
      partial.setLength(0);
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    closed.complete(new Closed(statusCode, reason));
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    closed.complete(new Closed(-1, String.valueOf(error)));
  }

  @Override
  public void close() {
    if (!closed.isDone()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
  }
}
