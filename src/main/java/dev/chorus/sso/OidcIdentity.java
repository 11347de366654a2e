package dev.chorus.sso;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Who the provider says signed in, read from the validated ID token's claims.
 *
 * @param issuer the provider; with {@code subject} it names the person for good (usernames and
 *     e-mail addresses can be reassigned, {@code sub} cannot)
 * @param subject the {@code sub} claim
 * @param username the configured username claim, without its domain if so configured (the account
 *     core normalises it and checks the Chorus rules)
 * @param displayName the configured display-name claim, or the username when absent
 * @param admin whether the configured admin claim holds the admin value
 */
public record OidcIdentity(
    String issuer, String subject, String username, String displayName, boolean admin) {

  /**
   * Maps claims to an identity.
   *
   * @throws SsoException {@link SsoFailure#ACCOUNT} when the username claim is missing
   */
  public static OidcIdentity from(Map<String, Object> claims, OidcSettings settings)
      throws SsoException {
    var issuer = text(claims.get("iss")).orElse(settings.issuer().toString());
    var subject =
        text(claims.get("sub"))
            .orElseThrow(() -> new SsoException(SsoFailure.INVALID_TOKEN, "no sub claim"));
    var username =
        text(claim(claims, settings.usernameClaim()))
            .orElseThrow(
                () ->
                    new SsoException(
                        SsoFailure.ACCOUNT,
                        "the ID token of "
                            + subject
                            + " has no '"
                            + settings.usernameClaim()
                            + "' claim (chorus.auth.oidc.username-claim)"));
    if (settings.usernameStripDomain() && username.indexOf('@') > 0) {
      username = username.substring(0, username.indexOf('@'));
    }
    var displayName = text(claim(claims, settings.displayNameClaim())).orElse(username);
    var admin =
        settings.adminClaim().isPresent()
            && holds(claim(claims, settings.adminClaim().get()), settings.adminValue().orElse(""));
    return new OidcIdentity(issuer, subject, username, displayName, admin);
  }

  /** The claim at a dotted path ({@code realm_access.roles}), or a top-level claim so named. */
  static Object claim(Map<String, Object> claims, String path) {
    if (claims.containsKey(path)) {
      return claims.get(path);
    }
    Object node = claims;
    for (var part : path.split("\\.")) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = map.get(part);
    }
    return node;
  }

  private static boolean holds(Object value, String wanted) {
    if (value instanceof Collection<?> values) {
      return values.stream().anyMatch(v -> wanted.equals(String.valueOf(v)));
    }
    // A single group may come as a string; Keycloak's full group paths start with "/".
    return value != null && wanted.equals(String.valueOf(value));
  }

  private static Optional<String> text(Object value) {
    return value instanceof String s && !s.isBlank() ? Optional.of(s.strip()) : Optional.empty();
  }
}
