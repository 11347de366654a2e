package dev.chorus.im.account;

import java.util.Locale;

/** Who may create an account ({@code chorus.registration.mode}). */
public enum RegistrationMode {
  /** Anyone may register (throttled per client address and globally). */
  OPEN,
  /** Only administrators create accounts ({@code POST /api/admin/accounts}). */
  CLOSED,
  /** Registration needs a single-use invite code an administrator created. */
  INVITE;

  /**
   * Reads a configured value, case-insensitively.
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static RegistrationMode parse(String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "chorus.registration.mode must be open, closed or invite, not '" + value + "'", e);
    }
  }
}
