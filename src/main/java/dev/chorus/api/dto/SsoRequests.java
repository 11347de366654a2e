package dev.chorus.api.dto;

/** Bodies and answers of {@code /api/auth}. */
public final class SsoRequests {
  private SsoRequests() {}

  /** The one-time code the single sign-on callback put in the page's URL fragment. */
  public record Redeem(String code) {}

  /** The single sign-on button: its text and where it starts. */
  public record OidcProvider(String label, String start) {}

  /** How people can sign in here: with a local password and/or single sign-on (null when off). */
  public record Providers(boolean local, OidcProvider oidc) {}
}
