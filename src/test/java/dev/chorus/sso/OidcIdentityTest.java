package dev.chorus.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ID token claims to a Chorus identity: username, display name, admin by claim. */
class OidcIdentityTest {
  private static OidcSettings settings(String... extra) {
    var map = new HashMap<String, String>();
    map.put("chorus.auth.oidc.issuer", "https://id.example");
    map.put("chorus.auth.oidc.client-id", "chorus");
    for (int i = 0; i < extra.length; i += 2) {
      map.put("chorus.auth.oidc." + extra[i], extra[i + 1]);
    }
    return OidcSettings.read(k -> Optional.ofNullable(map.get(k))).orElseThrow();
  }

  private static Map<String, Object> claims(Object... keyValues) {
    var map = new HashMap<String, Object>();
    map.put("iss", "https://id.example");
    map.put("sub", "s-1");
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  @Test
  void usernameAndDisplayNameFromTheConfiguredClaims() throws Exception {
    var id =
        OidcIdentity.from(claims("preferred_username", "alice", "name", " Alice A. "), settings());
    assertEquals(new OidcIdentity("https://id.example", "s-1", "alice", "Alice A.", false), id);
    var byEmail =
        OidcIdentity.from(
            claims("upn", "bob", "given_name", "Bob"),
            settings("username-claim", "upn", "display-name-claim", "given_name"));
    assertEquals("bob", byEmail.username());
    assertEquals("Bob", byEmail.displayName());
  }

  @Test
  void anEmailLikeUsernameLosesItsDomainWhenConfigured() throws Exception {
    var upn = claims("preferred_username", "alice.smith@contoso.example");
    assertEquals("alice.smith@contoso.example", OidcIdentity.from(upn, settings()).username());
    assertEquals(
        "alice.smith",
        OidcIdentity.from(upn, settings("username-strip-domain", "true")).username());
  }

  @Test
  void noDisplayNameMeansTheUsername() throws Exception {
    assertEquals(
        "alice",
        OidcIdentity.from(claims("preferred_username", "alice"), settings()).displayName());
  }

  @Test
  void aMissingUsernameClaimOrSubjectIsRefused() {
    var noUser =
        assertThrows(SsoException.class, () -> OidcIdentity.from(claims("name", "A"), settings()));
    assertEquals(SsoFailure.ACCOUNT, noUser.failure());
    var noSub = claims("preferred_username", "alice");
    noSub.remove("sub");
    assertEquals(
        SsoFailure.INVALID_TOKEN,
        assertThrows(SsoException.class, () -> OidcIdentity.from(noSub, settings())).failure());
  }

  static Stream<Arguments> adminCases() {
    return Stream.of(
        Arguments.of("groups", "admins", "groups", List.of("staff", "admins"), true),
        Arguments.of("groups", "admins", "groups", List.of("staff"), false),
        Arguments.of("groups", "admins", "groups", "admins", true),
        Arguments.of("groups", "admins", "other", List.of("admins"), false),
        Arguments.of(
            "realm_access.roles",
            "chorus-admin",
            "realm_access",
            Map.of("roles", List.of("chorus-admin")),
            true),
        Arguments.of("realm_access.roles", "chorus-admin", "realm_access", "flat", false));
  }

  @ParameterizedTest(name = "{0}={1} in {2}={3}: {4}")
  @MethodSource("adminCases")
  void adminByClaim(String claim, String value, String key, Object held, boolean admin)
      throws Exception {
    var s = settings("admin-claim", claim, "admin-value", value);
    assertEquals(admin, OidcIdentity.from(claims("preferred_username", "a", key, held), s).admin());
  }
}
