package dev.chorus.bench.sockets;

import dev.chorus.bench.common.FlatJson;
import dev.chorus.bench.common.RestCalls;
import dev.chorus.bench.common.TrustAll;
import java.net.URI;
import java.net.http.HttpClient;
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
  private final URI base;
  private final HttpClient http;
  private final RestCalls calls;
  final AtomicInteger retries;

  Rest(URI base) {
    this.base = base;
    this.http = client(null);
    this.calls = new RestCalls(base, http, REPLY);
    this.retries = calls.retries;
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
    return calls.call(method, path, json, token);
  }

  static String expect(int status, HttpResponse<String> response, String what) {
    return RestCalls.expect(status, response, what);
  }

  String login(String user, String password) throws Exception {
    return calls.login(user, password);
  }

  void logout(String token) throws Exception {
    call("DELETE", "api/sessions/current", null, token);
  }

  /** An account made by an admin (no registration throttle); 409 when it exists is fine. */
  void ensureAccount(String adminToken, String user, String password) throws Exception {
    calls.ensureAccount(adminToken, user, password);
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

  static String field(String json, String name) {
    return FlatJson.field(json, name);
  }

  static String quote(String s) {
    return FlatJson.quote(s);
  }
}
