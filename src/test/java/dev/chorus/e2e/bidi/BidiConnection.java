package dev.chorus.e2e.bidi;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;

/**
 * One WebDriver BiDi WebSocket: commands carry an id and their answer is matched by it; events go
 * to the listeners subscribed to their method. See https://w3c.github.io/webdriver-bidi/#transport.
 */
final class BidiConnection implements AutoCloseable {
  // Longer than any wait in a test: a command that takes longer means a hung browser.
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);

  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
  private final Map<String, List<Consumer<JsonObject>>> listeners = new ConcurrentHashMap<>();
  private final WebSocket socket;
  private volatile Throwable closedBy;

  BidiConnection(URI session) {
    socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(20))
            .buildAsync(session, new Receiver())
            .join();
  }

  /** Calls {@code handler} with the params of every {@code method} event. */
  void on(String method, Consumer<JsonObject> handler) {
    listeners.computeIfAbsent(method, m -> new CopyOnWriteArrayList<>()).add(handler);
  }

  /** Sends a command and waits for its result; an error answer is thrown as WebDriverException. */
  JsonObject send(String method, JsonObject params) {
    var id = ids.incrementAndGet();
    var answer = new CompletableFuture<JsonObject>();
    pending.put(id, answer);
    var command =
        Json.createObjectBuilder()
            .add("id", id)
            .add("method", method)
            .add("params", params)
            .build();
    try {
      synchronized (socket) { // a WebSocket takes one send at a time
        socket
            .sendText(command.toString(), true)
            .get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
      if (closedBy != null) {
        throw new WebDriverException("the BiDi connection is closed", closedBy);
      }
      var message = answer.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if ("error".equals(message.getString("type", ""))) {
        throw error(method, message);
      }
      return message.getJsonObject("result");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WebDriverException(e);
    } catch (ExecutionException e) {
      throw new WebDriverException(method + " failed", e.getCause());
    } catch (TimeoutException e) {
      throw new WebDriverException(method + ": no answer within " + COMMAND_TIMEOUT, e);
    } finally {
      pending.remove(id);
    }
  }

  /** The Selenium exception for a BiDi error (https://w3c.github.io/webdriver-bidi/#errors). */
  private static WebDriverException error(String method, JsonObject message) {
    var code = message.getString("error", "unknown error");
    var text = method + ": " + code + ": " + message.getString("message", "");
    return switch (code) {
      case "no such node", "stale element reference", "no such handle" ->
          new StaleElementReferenceException(text);
      case "no such element" -> new NoSuchElementException(text);
      default -> new WebDriverException(text);
    };
  }

  @Override
  public void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Firefox is killed next anyway
    } finally {
      socket.abort();
    }
  }

  private void fail(Throwable cause) {
    closedBy = cause;
    pending.values().forEach(f -> f.completeExceptionally(cause));
  }

  private final class Receiver implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        var message = Json.createReader(new StringReader(text.toString())).readObject();
        text.setLength(0);
        dispatch(message);
      }
      webSocket.request(1);
      return null;
    }

    private void dispatch(JsonObject message) {
      if (message.containsKey("id") && !message.isNull("id")) {
        var answer = pending.get(message.getJsonNumber("id").longValue());
        if (answer != null) {
          answer.complete(message);
        }
      } else if ("event".equals(message.getString("type", ""))) {
        var params = message.getJsonObject("params");
        listeners
            .getOrDefault(message.getString("method"), List.of())
            .forEach(handler -> handler.accept(params));
      }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      fail(new WebDriverException("BiDi connection closed: " + statusCode + " " + reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      fail(error);
    }
  }
}
