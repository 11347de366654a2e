package dev.chorus.im.account;

import dev.chorus.im.common.FieldError;
import dev.chorus.im.common.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a valid registration looks like. Usernames are compared and stored lower-cased, so "Alice"
 * and "alice" are the same account.
 */
public final class AccountRules {
  public static final int USERNAME_MIN = 3;
  public static final int USERNAME_MAX = 32;
  public static final int PASSWORD_MIN = 8;
  // Argon2 accepts any length; the cap stops a megabyte "password" from costing a hash of it.
  public static final int PASSWORD_MAX = 256;
  public static final int DISPLAY_NAME_MAX = 64;
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]+");

  private AccountRules() {}

  /** The canonical form of a username as typed: trimmed and lower-cased; null stays null. */
  public static String normalizeUsername(String username) {
    return username == null ? null : username.strip().toLowerCase(Locale.ROOT);
  }

  /** A registration whose fields are normalised and valid. */
  public record Registration(String username, String password, String displayName) {}

  /**
   * Normalises and checks a registration.
   *
   * @throws ValidationException listing every invalid field
   */
  public static Registration validate(String username, String password, String displayName) {
    var errors = new ArrayList<FieldError>();
    var user = normalizeUsername(username);
    usernameProblem(user).ifPresent(p -> errors.add(new FieldError("username", p)));
    passwordError("password", password).ifPresent(errors::add);
    var display = displayName == null ? null : displayName.strip();
    if (display == null || display.isEmpty()) {
      errors.add(new FieldError("displayName", "Display name is required."));
    } else if (display.codePointCount(0, display.length()) > DISPLAY_NAME_MAX) {
      errors.add(
          new FieldError(
              "displayName",
              "Display name must be at most " + DISPLAY_NAME_MAX + " characters long."));
    } else if (display.codePoints().anyMatch(Character::isISOControl)) {
      errors.add(
          new FieldError("displayName", "Display name must not contain control characters."));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return new Registration(user, password, display);
  }

  /**
   * Checks a new password by the same rules as at registration.
   *
   * @throws ValidationException naming {@code field}
   */
  public static String validatePassword(String field, String password) {
    var error = passwordError(field, password);
    if (error.isPresent()) {
      throw new ValidationException(List.of(error.get()));
    }
    return password;
  }

  /** What is wrong with a normalised username, if anything. */
  static Optional<String> usernameProblem(String user) {
    if (user == null || user.isEmpty()) {
      return Optional.of("Username is required.");
    } else if (user.length() < USERNAME_MIN || user.length() > USERNAME_MAX) {
      return Optional.of(
          "Username must be " + USERNAME_MIN + " to " + USERNAME_MAX + " characters long.");
    } else if (!USERNAME.matcher(user).matches()) {
      return Optional.of("Username may contain only letters a-z, digits 0-9, '.', '_' and '-'.");
    }
    return Optional.empty();
  }

  private static Optional<FieldError> passwordError(String field, String password) {
    if (password == null || password.isEmpty()) {
      return Optional.of(new FieldError(field, "Password is required."));
    } else if (password.codePointCount(0, password.length()) < PASSWORD_MIN) {
      return Optional.of(
          new FieldError(field, "Password must be at least " + PASSWORD_MIN + " characters long."));
    } else if (password.length() > PASSWORD_MAX) {
      return Optional.of(
          new FieldError(field, "Password must be at most " + PASSWORD_MAX + " characters long."));
    }
    return Optional.empty();
  }
}
