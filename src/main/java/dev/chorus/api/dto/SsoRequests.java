package dev.chorus.api.dto;

/** Bodies and answers of {@code /api/auth}. */
public final class SsoRequests {
  private SsoRequests() {}

  /** The one-time code the single sign-on callback put in the page's URL fragment. */
  public record Redeem(String code) {}

  /**
   * The single sign-on button: its text, where it starts, and where the page goes after logging out
   * of Chorus to log out at the provider too (null unless configured).
   */
  public record OidcProvider(String label, String start, String logout) {}

  /** How people can sign in here: with a local password and/or single sign-on (null when off). */
  public record Providers(boolean local, OidcProvider oidc) {}
}
