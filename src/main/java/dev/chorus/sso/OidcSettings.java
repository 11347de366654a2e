package dev.chorus.sso;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The {@code chorus.auth.oidc.*} configuration. Single sign-on is on exactly when an issuer is
 * configured; a client id is then required.
 *
 * @param issuer the provider's issuer URL; discovery reads {@code
 *     <issuer>/.well-known/openid-configuration}
 * @param clientId the client (application) id registered at the provider
 * @param clientSecret only for confidential clients; public clients rely on PKCE alone
 * @param scopes requested scopes, always including {@code openid}
 * @param usernameClaim the ID token claim that becomes the Chorus username
 * @param usernameStripDomain whether to keep only the part before an {@code @} (for providers whose
 *     usernames are e-mail addresses or UPNs, which Chorus usernames cannot be)
 * @param displayNameClaim the ID token claim that becomes the display name
 * @param label the text of the login page's button
 * @param adminClaim optional claim (dots walk into nested objects, e.g. {@code realm_access.roles})
 *     whose value, or one of whose values, equal to {@code adminValue} makes the user an admin
 * @param adminValue see {@code adminClaim}
 * @param redirectUri the callback URL registered at the provider; empty means derived from the
 *     request ({@code <app>/api/auth/oidc/callback}), which is wrong behind a rewriting proxy
 * @param providerLogout whether logging out of Chorus also logs out at the provider (RP-initiated
 *     logout through its {@code end_session_endpoint}), ending the single sign-on session for other
 *     applications too
 * @param postLogoutRedirectUri where the provider sends the browser after RP-initiated logout;
 *     empty means the application's root
 * @param timeout connect and read timeout for every call to the provider
 * @param loginLifetime how long a started sign-in may take at the provider
 * @param maxPendingLogins cap on sign-ins under way at once
 */
public record OidcSettings(
    URI issuer,
    String clientId,
    Optional<String> clientSecret,
    List<String> scopes,
    String usernameClaim,
    boolean usernameStripDomain,
    String displayNameClaim,
    String label,
    Optional<String> adminClaim,
    Optional<String> adminValue,
    Optional<URI> redirectUri,
    boolean providerLogout,
    Optional<URI> postLogoutRedirectUri,
    Duration timeout,
    Duration loginLifetime,
    int maxPendingLogins) {

  public static final String PREFIX = "chorus.auth.oidc.";

  /**
   * Reads the settings through {@code property} (a config lookup by full key); empty when no issuer
   * is configured.
   *
   * @throws IllegalArgumentException for a configuration that cannot work, naming the key
   */
  public static Optional<OidcSettings> read(Function<String, Optional<String>> property) {
    Function<String, Optional<String>> get =
        key -> property.apply(PREFIX + key).map(String::strip).filter(v -> !v.isEmpty());
    var issuer = get.apply("issuer");
    if (issuer.isEmpty()) {
      return Optional.empty();
    }
    var clientId =
        get.apply("client-id")
            .orElseThrow(() -> bad("client-id", "is required when an issuer is configured"));
    var scopes =
        Arrays.stream(get.apply("scopes").orElse("openid profile email").split("[\\s,]+"))
            .filter(s -> !s.isEmpty())
            .distinct()
            .toList();
    if (!scopes.contains("openid")) {
      scopes = Stream.concat(Stream.of("openid"), scopes.stream()).toList();
    }
    var adminClaim = get.apply("admin-claim");
    var adminValue = get.apply("admin-value");
    if (adminClaim.isPresent() != adminValue.isPresent()) {
      throw bad("admin-value", "and " + PREFIX + "admin-claim go together: set both or neither");
    }
    var max = Integer.parseInt(get.apply("max-pending-logins").orElse("10000"));
    if (max < 1) {
      throw bad("max-pending-logins", "must be at least 1");
    }
    return Optional.of(
        new OidcSettings(
            uri("issuer", issuer.get()),
            clientId,
            get.apply("client-secret"),
            scopes,
            get.apply("username-claim").orElse("preferred_username"),
            bool("username-strip-domain", get.apply("username-strip-domain").orElse("false")),
            get.apply("display-name-claim").orElse("name"),
            get.apply("label").orElse("Sign in with single sign-on"),
            adminClaim,
            adminValue,
            get.apply("redirect-uri").map(v -> uri("redirect-uri", v)),
            bool("provider-logout", get.apply("provider-logout").orElse("false")),
            get.apply("post-logout-redirect-uri").map(v -> uri("post-logout-redirect-uri", v)),
            duration("timeout", get.apply("timeout").orElse("PT5S")),
            duration("login-lifetime", get.apply("login-lifetime").orElse("PT10M")),
            max));
  }

  private static URI uri(String key, String value) {
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw bad(key, "is not a URL: " + value);
    }
    if (!uri.isAbsolute() || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
      throw bad(key, "must be an absolute http(s) URL: " + value);
    }
    return uri;
  }

  private static boolean bool(String key, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw bad(key, "must be true or false: " + value);
    };
  }

  private static Duration duration(String key, String value) {
    try {
      var d = Duration.parse(value);
      if (d.isNegative() || d.isZero()) {
        throw bad(key, "must be positive: " + value);
      }
      return d;
    } catch (DateTimeParseException e) {
      throw bad(key, "is not an ISO-8601 duration such as PT5S: " + value);
    }
  }

  private static IllegalArgumentException bad(String key, String why) {
    return new IllegalArgumentException(PREFIX + key + " " + why);
  }
}
