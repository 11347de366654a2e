package dev.chorus.sso;

/**
 * Why a single sign-on did not end in a session. The page gets only the {@link #code()} (in the URL
 * fragment it is sent back to) and shows its own text for it, so a crafted link cannot put
 * arbitrary words on the login page.
 */
public enum SsoFailure {
  /** Single sign-on is not configured on this server. */
  OFF("off"),
  /** The person cancelled or refused consent at the provider. */
  DENIED("denied"),
  /** The provider answered the authorization request with another error. */
  PROVIDER_ERROR("provider"),
  /** The state is unknown or was used already, or the callback came to another browser. */
  BAD_STATE("state"),
  /** The sign-in took longer than the configured lifetime. */
  EXPIRED("expired"),
  /** Discovery, the JWKS or the token endpoint could not be reached or answered nonsense. */
  UNREACHABLE("unreachable"),
  /** The code exchange failed or the ID token did not validate. */
  INVALID_TOKEN("token"),
  /** The identity is fine but no Chorus account may sign in with it. */
  ACCOUNT("account"),
  /** Too many sign-ins under way at once. */
  BUSY("busy");

  private final String code;

  SsoFailure(String code) {
    this.code = code;
  }

  /** The short code the page maps to a message. */
  public String code() {
    return code;
  }
}
