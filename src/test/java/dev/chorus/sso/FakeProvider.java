package dev.chorus.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A minimal OpenID provider on a loopback port for unit tests of the client side: discovery, a JWKS
 * with one RSA key, and a token endpoint whose answer each test decides. The real provider
 * (Keycloak) is exercised by {@code OidcBrowserIT}.
 */
final class FakeProvider implements AutoCloseable {
  final RSAKey key;
  final RSAKey otherKey;
  private final HttpServer server;

  /** Answers the token endpoint: form parameters in, (status, JSON body) out. */
  volatile Function<Map<String, String>, Map.Entry<Integer, String>> tokenEndpoint =
      form -> Map.entry(400, "{\"error\":\"invalid_grant\"}");

  FakeProvider() {
    try {
      key = new RSAKeyGenerator(2048).keyID("k1").generate();
      otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/.well-known/openid-configuration", ex -> respond(ex, 200, discovery()));
    server.createContext("/jwks", ex -> respond(ex, 200, new JWKSet(key.toPublicJWK()).toString()));
    server.createContext(
        "/token",
        ex -> {
          var body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          var answer = tokenEndpoint.apply(form(body));
          respond(ex, answer.getKey(), answer.getValue());
        });
    server.start();
  }

  URI issuer() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** An ID token with sensible defaults, changed by {@code edit}, signed by {@code signer}. */
  String idToken(
      RSAKey signer, String nonce, Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder> edit) {
    var now = Instant.now();
    var claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer().toString())
            .subject("sub-1")
            .audience("chorus")
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(300)))
            .claim("nonce", nonce)
            .claim("preferred_username", "alice")
            .claim("name", "Alice Example");
    try {
      var jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
              edit.apply(claims).build());
      jwt.sign(new RSASSASigner(signer));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static String tokenResponse(String idToken) {
    return "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":60,\"id_token\":\""
        + idToken
        + "\"}";
  }

  private String discovery() {
    var base = issuer().toString();
    return "{\"issuer\":\""
        + base
        + "\",\"authorization_endpoint\":\""
        + base
        + "/auth\",\"token_endpoint\":\""
        + base
        + "/token\",\"jwks_uri\":\""
        + base
        + "/jwks\",\"end_session_endpoint\":\""
        + base
        + "/logout\",\"response_types_supported\":[\"code\"],"
        + "\"subject_types_supported\":[\"public\"],"
        + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
  }

  static Map<String, String> form(String body) {
    return Arrays.stream(body.split("&"))
        .filter(p -> !p.isEmpty())
        .map(p -> p.split("=", 2))
        .collect(
            Collectors.toMap(
                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : ""));
  }

  private static void respond(com.sun.net.httpserver.HttpExchange ex, int status, String json)
      throws IOException {
    var bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (var out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
