package dev.chorus.sso;

import dev.chorus.im.account.AccountOrigin;
import dev.chorus.im.account.AccountService;
import dev.chorus.im.account.Tokens;
import dev.chorus.im.common.AuthenticationException;
import dev.chorus.im.common.DomainException;
import dev.chorus.im.session.SessionService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Single sign-on with OpenID Connect, authorization code flow with PKCE:
 *
 * <ol>
 *   <li>{@link #start}: a fresh state, nonce and PKCE verifier are kept here (never in the
 *       browser), bound to a random browser key that goes into an HttpOnly cookie; the browser is
 *       sent to the provider.
 *   <li>{@link #finish}: the provider's callback. The state must be known, unexpired, unused and
 *       come with the same browser key (so a callback link planted by someone else does not sign
 *       this browser in); the code is exchanged with the verifier, the ID token validated, and the
 *       account created or synced by the account core. The outcome is parked under a one-time
 *       hand-off code that is short-lived and bound to the same browser key.
 *   <li>{@link #redeem}: the page posts the hand-off code and gets a Chorus session. The bearer
 *       token never appears in a URL, so it is never in a history, a log or a Referer.
 * </ol>
 */
@ApplicationScoped
public class SingleSignOn {
  private static final Logger LOG = Logger.getLogger(SingleSignOn.class.getName());

  /** A hand-off code is posted by the page right after the redirect: one minute is plenty. */
  static final Duration HANDOFF_LIFETIME = Duration.ofMinutes(1);

  @Inject AccountService accounts;
  @Inject SessionService sessions;
  @Inject Clock clock;

  private Optional<OidcSettings> settings = Optional.empty();
  private OidcClient client;
  private ExpiringCodes<Pending> pending;
  private ExpiringCodes<Handoff> handoffs;

  /** A sign-in under way at the provider. */
  record Pending(String nonce, String codeVerifier, URI redirectUri, String browserKeyHash) {}

  /** A finished sign-in waiting for the page: an account, or the reason it may not sign in. */
  record Handoff(String browserKeyHash, String accountId, DomainException refusal) {}

  /** Where to send the browser, and the key to set in its cookie. */
  public record Start(URI authorizationUri, String browserKey) {}

  @PostConstruct
  void init() {
    try {
      configure(
          OidcSettings.read(key -> ConfigProvider.getConfig().getOptionalValue(key, String.class)));
    } catch (IllegalArgumentException e) {
      LOG.severe("Single sign-on is OFF: bad configuration: " + e.getMessage());
    }
    settings.ifPresent(
        s ->
            LOG.info(
                "Single sign-on (OpenID Connect) with issuer "
                    + s.issuer()
                    + " and client "
                    + s.clientId()
                    + "; discovery happens at the first sign-in"));
  }

  /** Switches single sign-on on with these settings (or off with none). */
  void configure(Optional<OidcSettings> configured) {
    settings = configured;
    configured.ifPresent(
        s -> {
          client = new OidcClient(s, clock);
          pending = new ExpiringCodes<>(s.loginLifetime(), s.maxPendingLogins(), clock);
          handoffs = new ExpiringCodes<>(HANDOFF_LIFETIME, s.maxPendingLogins(), clock);
        });
  }

  /** Reads the configuration at deployment, so a mistake is in the log right away. */
  void atStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    // Nothing to do: observing the event creates the bean, which runs init().
  }

  /** The configuration, when single sign-on is on. */
  public Optional<OidcSettings> settings() {
    return settings;
  }

  /**
   * Begins a sign-in.
   *
   * @param derivedRedirectUri the callback URL as this request sees it, used unless one is
   *     configured
   */
  public Start start(URI derivedRedirectUri) throws SsoException {
    var s = settings.orElseThrow(() -> new SsoException(SsoFailure.OFF, "not configured"));
    var redirectUri = s.redirectUri().orElse(derivedRedirectUri);
    var state = Tokens.newToken();
    var nonce = Tokens.newToken();
    var verifier = Tokens.newToken(); // 43 base64url characters: the minimum PKCE length
    var browserKey = Tokens.newToken();
    // Discovery first: a provider that is down should not leave a pending entry behind.
    var uri = client.authorizationUri(state, nonce, verifier, redirectUri);
    if (!pending.put(state, new Pending(nonce, verifier, redirectUri, Tokens.hash(browserKey)))) {
      throw new SsoException(SsoFailure.BUSY, "too many sign-ins under way");
    }
    return new Start(uri, browserKey);
  }

  /**
   * Handles the provider's redirect back.
   *
   * @param browserKey the cookie set by {@link #start}, or null
   * @return the hand-off code for the page
   */
  public String finish(Callback callback, String browserKey) throws SsoException {
    if (settings.isEmpty()) {
      throw new SsoException(SsoFailure.OFF, "not configured");
    }
    var login = takePending(callback.state(), browserKey);
    if (callback.error() != null) {
      var denied = "access_denied".equals(callback.error());
      throw new SsoException(
          denied ? SsoFailure.DENIED : SsoFailure.PROVIDER_ERROR,
          "the provider answered " + callback.error() + ": " + callback.errorDescription());
    }
    if (callback.code() == null || callback.code().isBlank()) {
      throw new SsoException(SsoFailure.PROVIDER_ERROR, "callback without code or error");
    }
    var claims =
        client.exchange(callback.code(), login.codeVerifier(), login.redirectUri(), login.nonce());
    var identity = OidcIdentity.from(claims, settings.get());
    Handoff handoff;
    try {
      var account =
          accounts.signInExternal(
              AccountOrigin.OIDC,
              identity.subject(),
              identity.username(),
              identity.displayName(),
              identity.admin());
      handoff = new Handoff(login.browserKeyHash(), account.id(), null);
    } catch (DomainException refused) {
      LOG.info("Single sign-on of " + identity.username() + " refused: " + refused.getMessage());
      handoff = new Handoff(login.browserKeyHash(), null, refused);
    }
    var code = Tokens.newToken();
    if (!handoffs.put(code, handoff)) {
      throw new SsoException(SsoFailure.BUSY, "too many sign-ins waiting for their page");
    }
    return code;
  }

  /**
   * Turns a hand-off code into a Chorus session.
   *
   * @throws AuthenticationException for an unknown, used, expired or foreign code
   * @throws DomainException the account core's refusal (e.g. {@code username_taken})
   */
  public SessionService.Login redeem(String code, String browserKey) {
    if (settings.isEmpty()) {
      throw new AuthenticationException("Single sign-on is not set up on this server.");
    }
    var taken = handoffs.take(code);
    if (!(taken instanceof ExpiringCodes.Found<Handoff> found)
        || !sameKey(found.value().browserKeyHash(), browserKey)) {
      throw new AuthenticationException(
          "This sign-in has expired or was already used. Please sign in again.");
    }
    if (found.value().refusal() != null) {
      throw found.value().refusal();
    }
    var account =
        accounts
            .findById(found.value().accountId())
            .orElseThrow(() -> new AuthenticationException("This account no longer exists."));
    return sessions.issue(account);
  }

  /**
   * The provider's logout URL for RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0),
   * when it is switched on and the provider has an {@code end_session_endpoint}. Without an {@code
   * id_token_hint} (Chorus keeps no ID token) the provider may ask the person to confirm.
   */
  public Optional<URI> logoutUri(URI appRoot) {
    if (settings.isEmpty() || !settings.get().providerLogout()) {
      return Optional.empty();
    }
    try {
      var s = settings.get();
      var back = s.postLogoutRedirectUri().orElse(appRoot);
      return client
          .endSessionEndpoint()
          .map(
              end ->
                  URI.create(
                      end
                          + (end.getRawQuery() == null ? "?" : "&")
                          + "client_id="
                          + encode(s.clientId())
                          + "&post_logout_redirect_uri="
                          + encode(back.toString())));
    } catch (SsoException e) {
      LOG.log(Level.WARNING, "No RP-initiated logout: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Sign-ins under way (including expired ones not yet forgotten). */
  int pendingCount() {
    return pending == null ? 0 : pending.size();
  }

  private Pending takePending(String state, String browserKey) throws SsoException {
    var taken = pending.take(state);
    if (taken instanceof ExpiringCodes.Missing<Pending> missing) {
      throw missing.reason() == ExpiringCodes.Miss.EXPIRED
          ? new SsoException(SsoFailure.EXPIRED, "state older than the login lifetime")
          : new SsoException(SsoFailure.BAD_STATE, "unknown or used state");
    }
    var login = ((ExpiringCodes.Found<Pending>) taken).value();
    if (!sameKey(login.browserKeyHash(), browserKey)) {
      throw new SsoException(SsoFailure.BAD_STATE, "callback in a browser that did not start it");
    }
    return login;
  }

  static boolean sameKey(String expectedHash, String browserKey) {
    return browserKey != null
        && Tokens.looksValid(browserKey)
        && MessageDigest.isEqual(
            expectedHash.getBytes(StandardCharsets.US_ASCII),
            Tokens.hash(browserKey).getBytes(StandardCharsets.US_ASCII));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** What the provider put in the callback's query. */
  public record Callback(String state, String code, String error, String errorDescription) {}
}
