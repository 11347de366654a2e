package dev.chorus.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * Connects to {@code /ws} and authenticates with {@link #auth}; a null token only connects (the
   * server closes a socket that does not authenticate).
   */
  public static WsClient connect(TestClient client, String token) {
    return connect(client, ChorusServer.wss(), token);
  }

  /** Connects to the socket at {@code endpoint} and authenticates with the token, if any. */
  public static WsClient connect(TestClient client, URI endpoint, String token) {
    var ws = open(client, endpoint);
    if (token != null) {
      ws.send(auth(token));
    }
    return ws;
  }

  /** Opens a socket at exactly this URI and sends nothing. */
  public static WsClient open(TestClient client, URI uri) {
    var ws = new WsClient();
    ws.socket =
        client
            .http()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(uri, ws)
            .join();
    return ws;
  }

  /** The first message of every socket: {@code {"type":"auth","token":...}}. */
  public static JsonObject auth(String token) {
    return Json.createObjectBuilder().add("type", "auth").add("token", token).build();
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

  /**
   * The users of the next whole {@code presence.snapshot}: its pages up to the one without {@code
   * "more"} (docs/protocol.md), skipping anything else between them.
   */
  public List<JsonObject> presenceSnapshotUsers() {
    var users = new ArrayList<JsonObject>();
    JsonObject page;
    do {
      page = nextOfType("presence.snapshot");
      page.getJsonArray("users").forEach(u -> users.add(u.asJsonObject()));
    } while (page.getBoolean("more", false));
    return users;
  }

  /** The welcome (skipping nothing else), or null if the server closed the socket instead. */
  public JsonObject welcomeOrClose(Duration timeout) {
    var deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        var m = messages.poll(50, TimeUnit.MILLISECONDS);
        if (m != null && "welcome".equals(m.getString("type", ""))) {
          return m;
        }
        if (m == null && closed.isDone()) {
          return null;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("neither welcome nor close within " + timeout);
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
        var message = r.readObject();
        if ("batch".equals(message.getString("type", null))) {
          // Several messages that waited together (docs/protocol.md, "batch"), each in its turn.
          message.getJsonArray("messages").forEach(m -> messages.add(m.asJsonObject()));
        } else {
          messages.add(message);
        }
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
