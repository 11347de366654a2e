package dev.chorus.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The client side of the code flow against a fake provider: PKCE and every ID token check. */
class OidcClientTest {
  private static final URI REDIRECT = URI.create("https://chat.example/api/auth/oidc/callback");
  private static final String VERIFIER = "v".repeat(43);
  private static FakeProvider provider;
  private static OidcClient client;

  @BeforeAll
  static void start() throws Exception {
    provider = new FakeProvider();
    client = new OidcClient(settings(provider.issuer()), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  static OidcSettings settings(URI issuer) {
    var map =
        Map.of(
            "chorus.auth.oidc.issuer", issuer.toString(),
            "chorus.auth.oidc.client-id", "chorus",
            "chorus.auth.oidc.timeout", "PT2S");
    return OidcSettings.read(k -> Optional.ofNullable(map.get(k))).orElseThrow();
  }

  @Test
  void authorizationUrlCarriesStateNonceAndAnS256Challenge() throws Exception {
    var uri = client.authorizationUri("the-state", "the-nonce", VERIFIER, REDIRECT);
    var query = FakeProvider.form(uri.getRawQuery());
    assertEquals(
        provider.issuer() + "/auth", uri.toString().substring(0, uri.toString().indexOf('?')));
    assertEquals("code", query.get("response_type"));
    assertEquals("chorus", query.get("client_id"));
    assertEquals(REDIRECT.toString(), query.get("redirect_uri"));
    assertEquals("the-state", query.get("state"));
    assertEquals("the-nonce", query.get("nonce"));
    assertTrue(query.get("scope").contains("openid"));
    assertEquals("S256", query.get("code_challenge_method"));
    var sha =
        MessageDigest.getInstance("SHA-256").digest(VERIFIER.getBytes(StandardCharsets.US_ASCII));
    assertEquals(Base64URL.encode(sha).toString(), query.get("code_challenge"));
    assertTrue(!uri.toString().contains(VERIFIER), "the verifier never leaves the server");
  }

  @Test
  void theCodeIsExchangedWithTheVerifierAndAValidIdTokenGivesItsClaims() throws Exception {
    provider.tokenEndpoint =
        form -> {
          var ok =
              "authorization_code".equals(form.get("grant_type"))
                  && "the-code".equals(form.get("code"))
                  && VERIFIER.equals(form.get("code_verifier"))
                  && REDIRECT.toString().equals(form.get("redirect_uri"))
                  && "chorus".equals(form.get("client_id"));
          return ok
              ? Map.entry(
                  200, FakeProvider.tokenResponse(provider.idToken(provider.key, "n1", b -> b)))
              : Map.entry(400, "{\"error\":\"invalid_grant\"}");
        };
    var claims = client.exchange("the-code", VERIFIER, REDIRECT, "n1");
    assertEquals("sub-1", claims.get("sub"));
    assertEquals("alice", claims.get("preferred_username"));
  }

  static Stream<Arguments> badAnswers() {
    Function<
            Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder>,
            Function<FakeProvider, Map.Entry<Integer, String>>>
        token =
            edit -> p -> Map.entry(200, FakeProvider.tokenResponse(p.idToken(p.key, "n1", edit)));
    return Stream.of(
        Arguments.of(
            "wrong nonce", token.apply(b -> b.claim("nonce", "other")), SsoFailure.INVALID_TOKEN),
        Arguments.of(
            "no nonce", token.apply(b -> b.claim("nonce", null)), SsoFailure.INVALID_TOKEN),
        Arguments.of(
            "other audience",
            token.apply(b -> b.audience("someone-else")),
            SsoFailure.INVALID_TOKEN),
        Arguments.of(
            "other issuer",
            token.apply(b -> b.issuer("https://evil.example")),
            SsoFailure.INVALID_TOKEN),
        Arguments.of(
            "expired",
            token.apply(b -> b.expirationTime(Date.from(Instant.now().minusSeconds(600)))),
            SsoFailure.INVALID_TOKEN),
        Arguments.of(
            "signed by another key",
            (Function<FakeProvider, Map.Entry<Integer, String>>)
                p ->
                    Map.entry(200, FakeProvider.tokenResponse(p.idToken(p.otherKey, "n1", b -> b))),
            SsoFailure.INVALID_TOKEN),
        Arguments.of(
            "unsigned (alg none)",
            (Function<FakeProvider, Map.Entry<Integer, String>>)
                p ->
                    Map.entry(
                        200,
                        FakeProvider.tokenResponse(
                            new PlainJWT(new JWTClaimsSet.Builder().subject("x").build())
                                .serialize())),
            SsoFailure.INVALID_TOKEN),
        Arguments.of(
            "code refused",
            (Function<FakeProvider, Map.Entry<Integer, String>>)
                p -> Map.entry(400, "{\"error\":\"invalid_grant\",\"error_description\":\"PKCE\"}"),
            SsoFailure.INVALID_TOKEN),
        Arguments.of(
            "no ID token",
            (Function<FakeProvider, Map.Entry<Integer, String>>)
                p -> Map.entry(200, "{\"access_token\":\"at\",\"token_type\":\"Bearer\"}"),
            SsoFailure.INVALID_TOKEN),
        Arguments.of(
            "not JSON",
            (Function<FakeProvider, Map.Entry<Integer, String>>) p -> Map.entry(502, "<html>"),
            SsoFailure.INVALID_TOKEN));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badAnswers")
  void aBadTokenAnswerIsRefused(
      String name, Function<FakeProvider, Map.Entry<Integer, String>> answer, SsoFailure expected) {
    provider.tokenEndpoint = form -> answer.apply(provider);
    var e =
        assertThrows(
            SsoException.class, () -> client.exchange("c", VERIFIER, REDIRECT, "n1"), name);
    assertEquals(expected, e.failure(), e.getMessage());
  }

  @Test
  void aProviderThatIsDownIsUnreachable() throws Exception {
    int closedPort;
    try (var s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    var down =
        new OidcClient(settings(URI.create("http://127.0.0.1:" + closedPort)), Clock.systemUTC());
    var e =
        assertThrows(SsoException.class, () -> down.authorizationUri("s", "n", VERIFIER, REDIRECT));
    assertEquals(SsoFailure.UNREACHABLE, e.failure());
  }

  @Test
  void theEndSessionEndpointComesFromDiscovery() throws Exception {
    assertEquals(
        Optional.of(URI.create(provider.issuer() + "/logout")), client.endSessionEndpoint());
  }
}
