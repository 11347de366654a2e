package dev.chorus.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code chorus.auth.oidc.*}: off without an issuer, defaults, and errors naming the key. */
class OidcSettingsTest {
  private static Optional<OidcSettings> read(String... keyValues) {
    var map = new HashMap<String, String>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put("chorus.auth.oidc." + keyValues[i], keyValues[i + 1]);
    }
    return OidcSettings.read(k -> Optional.ofNullable(map.get(k)));
  }

  @Test
  void offWithoutAnIssuer() {
    assertTrue(read().isEmpty());
    assertTrue(read("issuer", "  ", "client-id", "x").isEmpty());
  }

  @Test
  void defaults() {
    var s = read("issuer", "https://id.example/realms/acme", "client-id", "chorus").orElseThrow();
    assertEquals(URI.create("https://id.example/realms/acme"), s.issuer());
    assertEquals(List.of("openid", "profile", "email"), s.scopes());
    assertEquals("preferred_username", s.usernameClaim());
    assertEquals("name", s.displayNameClaim());
    assertEquals("Sign in with single sign-on", s.label());
    assertEquals(Optional.empty(), s.clientSecret());
    assertEquals(Optional.empty(), s.adminClaim());
    assertEquals(Optional.empty(), s.redirectUri());
    assertEquals(Duration.ofSeconds(5), s.timeout());
    assertEquals(Duration.ofMinutes(10), s.loginLifetime());
    assertEquals(false, s.providerLogout());
  }

  @Test
  void openidIsAlwaysRequested() {
    var s = read("issuer", "https://id.example", "client-id", "c", "scopes", "profile,groups");
    assertEquals(List.of("openid", "profile", "groups"), s.orElseThrow().scopes());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "client-id|''|client-id",
        "issuer|not a url|issuer",
        "issuer|ftp://id.example|issuer",
        "issuer|/realms/relative|issuer",
        "redirect-uri|callback|redirect-uri",
        "timeout|5 seconds|timeout",
        "login-lifetime|PT0S|login-lifetime",
        "admin-claim|groups|admin-value",
        "max-pending-logins|0|max-pending-logins",
        "provider-logout|yes|provider-logout",
      })
  void aBrokenSettingNamesItsKey(String key, String value, String named) {
    var map = new HashMap<>(Map.of("issuer", "https://id.example", "client-id", "chorus"));
    map.put(key, value);
    var pairs = map.entrySet().stream().flatMap(e -> Stream.of(e.getKey(), e.getValue()));
    var e = assertThrows(IllegalArgumentException.class, () -> read(pairs.toArray(String[]::new)));
    assertTrue(e.getMessage().startsWith("chorus.auth.oidc." + named), e.getMessage());
  }
}
