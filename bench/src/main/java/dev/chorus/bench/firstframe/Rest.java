package dev.chorus.bench.firstframe;

import dev.chorus.bench.common.TrustAll;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/** The few REST calls of the setup: admin login, accounts, logins, the bench's room. */
final class Rest {
  private final URI base;
  private final HttpClient http;

  Rest(URI base) throws Exception {
    this.base = base;
    http =
        HttpClient.newBuilder()
            .sslContext(TrustAll.context())
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  String login(String user, String password) throws Exception {
    return field(
        expect(201, call("POST", "api/sessions", credentials(user, password), null)), "token");
  }

  /** An account made by the admin (no registration throttle); 409 when it exists is fine. */
  void ensureAccount(String adminToken, String user, String password) throws Exception {
    var body =
        "{\"username\":\"%s\",\"password\":\"%s\",\"displayName\":\"%s\"}"
            .formatted(user, password, user);
    var r = call("POST", "api/admin/accounts", body, adminToken);
    if (r.statusCode() != 201 && r.statusCode() != 409) {
      throw new IllegalStateException("account " + user + ": " + r.statusCode() + " " + r.body());
    }
  }

  /** The id of the public room called {@code name}, created by {@code token}'s user if missing. */
  String room(String token, String name) throws Exception {
    var q = URLEncoder.encode(name, StandardCharsets.UTF_8);
    var list = expect(200, call("GET", "api/rooms?limit=50&q=" + q, null, token)).body();
    var found =
        Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"[^{}]*?\"name\"\\s*:\\s*\"" + name + "\"")
            .matcher(list);
    if (found.find()) {
      return found.group(1);
    }
    var body =
        "{\"name\":\"%s\",\"topic\":\"first frame\",\"visibility\":\"public\"}".formatted(name);
    return field(expect(201, call("POST", "api/rooms", body, token)), "id");
  }

  /** The SFU's media port of this kind ("udpPort", "tcpPort") from /health/ready's media check. */
  int mediaPort(String which) throws Exception {
    var body = call("GET", "health/ready", null, null).body();
    var m = Pattern.compile("\"" + which + "\"\\s*:\\s*\"?(\\d+)").matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("no " + which + " in /health/ready: " + body);
    }
    return Integer.parseInt(m.group(1));
  }

  /** The body of a GET that must answer 200. */
  String get(String path, String token) throws Exception {
    return expect(200, call("GET", path, null, token)).body();
  }

  void logout(String token) throws Exception {
    call("DELETE", "api/sessions/current", null, token);
  }

  private HttpResponse<String> call(String method, String path, String json, String token)
      throws Exception {
    var b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    b.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> expect(int status, HttpResponse<String> r) {
    if (r.statusCode() != status) {
      throw new IllegalStateException(
          r.request().method() + " " + r.uri() + ": " + r.statusCode() + " " + r.body());
    }
    return r;
  }

  private static String field(HttpResponse<String> r, String name) {
    var m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
    if (!m.find()) {
      throw new IllegalStateException("no " + name + " in " + r.body());
    }
    return m.group(1);
  }

  private static String credentials(String user, String password) {
    return "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(user, password);
  }
}
