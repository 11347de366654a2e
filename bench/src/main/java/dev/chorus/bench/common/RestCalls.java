package dev.chorus.bench.common;

import static dev.chorus.bench.common.FlatJson.field;
import static dev.chorus.bench.common.FlatJson.quote;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The REST calls every bench makes against a Chorus: one call with 429/503 + Retry-After waited
 * out (at most 5 minutes in all, then it fails with the answer), log-in, and accounts made by the
 * admin (no registration throttle; 409 when they exist from an earlier run).
 */
public final class RestCalls {
  private static final long MAX_RETRY_WAIT_SECONDS = 300;
  private final URI base;
  private final HttpClient http;
  private final Duration reply;

  /** Calls that had to wait for a Retry-After. */
  public final AtomicInteger retries = new AtomicInteger();

  public RestCalls(URI base, HttpClient http, Duration reply) {
    this.base = base;
    this.http = http;
    this.reply = reply;
  }

  public HttpResponse<String> call(String method, String path, String json, String token)
      throws Exception {
    long waited = 0;
    while (true) {
      var b =
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(reply)
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
              method
                  + " "
                  + path
                  + " still answered "
                  + response.statusCode()
                  + " after "
                  + waited
                  + " s of Retry-After: "
                  + response.body());
        }
        waited += seconds;
        Thread.sleep(seconds * 1000);
        continue;
      }
      return response;
    }
  }

  /** The body, if the answer has {@code status}; else fails naming {@code what}. */
  public static String expect(int status, HttpResponse<String> response, String what) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          what + ": expected " + status + ", got " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  /** A session token for {@code user}. */
  public String login(String user, String password) throws Exception {
    var body = "{\"username\":" + quote(user) + ",\"password\":" + quote(password) + "}";
    return field(expect(201, call("POST", "api/sessions", body, null), "login " + user), "token");
  }

  /** An account made by an admin; 409 when it exists is fine. */
  public void ensureAccount(String adminToken, String user, String password) throws Exception {
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
}
