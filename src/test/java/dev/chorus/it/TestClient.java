package dev.chorus.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/** A JDK HttpClient speaking Chorus's JSON REST API, trusting the self-signed test certificate. */
public final class TestClient {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);

  public static final SSLContext TRUST_ALL = trustAll();

  private final HttpClient http =
      HttpClient.newBuilder()
          .sslContext(TRUST_ALL)
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final URI base;

  public TestClient(URI base) {
    this.base = base;
  }

  public TestClient() {
    this(ChorusServer.https());
  }

  public HttpClient http() {
    return http;
  }

  /** The server this client talks to. */
  public URI base() {
    return base;
  }

  /** A username no other test (or earlier run on a kept database) has used. */
  public static String uniqueName(String prefix) {
    return (prefix + "-" + RUN + "-" + COUNTER.incrementAndGet()).toLowerCase();
  }

  /** A response with its body parsed as JSON when there is one. */
  public record Reply(int status, HttpHeaders headers, String text) {
    public JsonObject json() {
      try (var r = Json.createReader(new StringReader(text))) {
        return r.readObject();
      }
    }

    public String contentType() {
      return headers.firstValue("content-type").orElse("");
    }
  }

  public Reply send(String method, String path, String body, String token) {
    var builder =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json");
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      builder.header("Content-Type", "application/json");
      builder.method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      var res = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(res.statusCode(), res.headers(), res.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A request with any body type and extra headers (WHIP and WHEP: {@code application/sdp},
   * If-Match, Origin...); {@code contentType} null sends no Content-Type.
   */
  public Reply send(
      String method,
      String path,
      String body,
      String contentType,
      String token,
      java.util.Map<String, String> headers) {
    var builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    headers.forEach(builder::header);
    builder.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      var res = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(res.statusCode(), res.headers(), res.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Reply post(String path, JsonObject body) {
    return send("POST", path, body.toString(), null);
  }

  public Reply get(String path, String token) {
    return send("GET", path, null, token);
  }

  public Reply delete(String path, String token) {
    return send("DELETE", path, null, token);
  }

  public Reply register(String username, String password, String displayName) {
    var b = Json.createObjectBuilder();
    put(b, "username", username);
    put(b, "password", password);
    put(b, "displayName", displayName);
    return post("api/accounts", b.build());
  }

  public Reply login(String username, String password) {
    var b = Json.createObjectBuilder();
    put(b, "username", username);
    put(b, "password", password);
    return post("api/sessions", b.build());
  }

  /** Logs in as the test server's administrator ({@link ChorusServer#ADMIN}); returns the token. */
  public String adminToken() {
    var login = login(ChorusServer.ADMIN, ChorusServer.ADMIN_PASSWORD);
    if (login.status() != 201) {
      throw new AssertionError("admin login failed: " + login.status() + " " + login.text());
    }
    return login.json().getString("token");
  }

  /** Registers a fresh user and logs in; returns the token. */
  public String newUserToken(String prefix) {
    var name = uniqueName(prefix);
    var reg = register(name, "correct horse", "User " + name);
    if (reg.status() != 201) {
      throw new AssertionError("register failed: " + reg.status() + " " + reg.text());
    }
    var login = login(name, "correct horse");
    if (login.status() != 201) {
      throw new AssertionError("login failed: " + login.status() + " " + login.text());
    }
    return login.json().getString("token");
  }

  private static void put(jakarta.json.JsonObjectBuilder b, String key, String value) {
    if (value == null) {
      b.add(key, JsonValue.NULL);
    } else {
      b.add(key, value);
    }
  }

  private static SSLContext trustAll() {
    try {
      var ctx = SSLContext.getInstance("TLS");
      ctx.init(
          null,
          new TrustManager[] {
            // Extended, so the JDK skips its host-name check too: tests also reach the server by
            // other names than the certificate's (e.g. [::1], to come from a second address).
            new X509ExtendedTrustManager() {
              @Override
              public void checkClientTrusted(X509Certificate[] chain, String authType) {}

              @Override
              public void checkServerTrusted(X509Certificate[] chain, String authType) {}

              @Override
              public void checkClientTrusted(
                  X509Certificate[] chain, String authType, Socket socket) {}

              @Override
              public void checkServerTrusted(
                  X509Certificate[] chain, String authType, Socket socket) {}

              @Override
              public void checkClientTrusted(
                  X509Certificate[] chain, String authType, SSLEngine engine) {}

              @Override
              public void checkServerTrusted(
                  X509Certificate[] chain, String authType, SSLEngine engine) {}

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
}
