package dev.chorus.bench.sockets;

import dev.chorus.bench.common.TrustAll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The REST calls the socket benches make (admin-created accounts, log-in, log-out, a room), with
 * 429/503 + Retry-After waited out, and a minimal JSON reader for a few flat fields.
 */
final class Rest {
  static final Duration REPLY = Duration.ofSeconds(60);
  private static final long MAX_RETRY_WAIT_SECONDS = 300;
  private final URI base;
  private final HttpClient http;
  final AtomicInteger retries = new AtomicInteger();

  Rest(URI base) {
    this.base = base;
    this.http = client(null);
  }

  /** An HttpClient trusting the dev certificate; {@code executor} null = the JDK's default. */
  static HttpClient client(Executor executor) {
    var b =
        HttpClient.newBuilder()
            .sslContext(TrustAll.context())
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(20));
    if (executor != null) {
      b.executor(executor);
    }
    return b.build();
  }

  URI base() {
    return base;
  }

  /** The {@code /ws} URI (ws or wss, as the base is http or https). */
  URI socketUri() {
    return URI.create(base.resolve("ws").toString().replaceFirst("^http", "ws"));
  }

  HttpResponse<String> call(String method, String path, String json, String token)
      throws Exception {
    long waited = 0;
    while (true) {
      var b =
          HttpRequest.newBuilder(base.resolve(path))
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
        retries.incrementAndGet();
        long seconds = Math.min(60, Math.max(1, Long.parseLong(retry.get())));
        if (waited + seconds > MAX_RETRY_WAIT_SECONDS) {
          throw new IllegalStateException(
              method + " " + path + " still " + response.statusCode() + ": " + response.body());
        }
        waited += seconds;
        Thread.sleep(seconds * 1000);
        continue;
      }
      return response;
    }
  }

  static String expect(int status, HttpResponse<String> response, String what) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          what + ": expected " + status + ", got " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  String login(String user, String password) throws Exception {
    var body = "{\"username\":" + quote(user) + ",\"password\":" + quote(password) + "}";
    return field(expect(201, call("POST", "api/sessions", body, null), "login " + user), "token");
  }

  void logout(String token) throws Exception {
    call("DELETE", "api/sessions/current", null, token);
  }

  /** An account made by an admin (no registration throttle); 409 when it exists is fine. */
  void ensureAccount(String adminToken, String user, String password) throws Exception {
    var body =
        "{\"username\":"
            + quote(user)
            + ",\"password\":"
            + quote(password)
            + ",\"displayName\":"
            + quote(user)
            + "}";
    var r = call("POST", "api/admin/accounts", body, adminToken);
    if (r.statusCode() != 201 && r.statusCode() != 409) {
      throw new IllegalStateException("account " + user + ": " + r.statusCode() + " " + r.body());
    }
  }

  /** A public meeting room of this name owned by {@code owner}: found, or created. */
  String room(String ownerToken, String name) throws Exception {
    var q = name.replace(" ", "%20");
    var found =
        expect(200, call("GET", "api/rooms?q=" + q + "&limit=100", null, ownerToken), "rooms");
    var item = Pattern.compile("\\{[^{}]*\\}").matcher(found);
    while (item.find()) {
      var room = item.group();
      if (name.equals(field(room, "name")) && "owner".equals(field(room, "myRole"))) {
        return field(room, "id");
      }
    }
    var body = "{\"name\":" + quote(name) + ",\"topic\":\"bench\",\"visibility\":\"public\"}";
    return field(expect(201, call("POST", "api/rooms", body, ownerToken), "create room"), "id");
  }

  /** {@code GET /api/admin/sockets}: the server's own count of open and unauthenticated sockets. */
  String socketStats(String adminToken) throws Exception {
    return expect(200, call("GET", "api/admin/sockets", null, adminToken), "admin/sockets");
  }

  /** The first string or number value of {@code name} in the JSON text, or null. */
  static String field(String json, String name) {
    var m =
        Pattern.compile(
                "\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"((?:[^\"\\\\]++|\\\\.)*+)\"|-?\\d+)")
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
}
