package dev.chorus.im.audit;

import dev.chorus.im.common.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** What an audit entry may hold and how its filters are read; plain Java, unit-tested. */
public final class AuditRules {
  private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

  private AuditRules() {}

  /**
   * A lower-case dotted action name such as {@code user.disabled}.
   *
   * @throws IllegalArgumentException for anything else: a programming error of the caller
   */
  static String action(String action) {
    if (action == null
        || action.length() > AuditEntry.MAX_ACTION
        || !ACTION.matcher(action).matches()) {
      throw new IllegalArgumentException("not an audit action name: " + action);
    }
    return action;
  }

  /** Cut to the column's size, so an overlong detail never loses the whole entry. */
  static String clip(String value, int max) {
    if (value == null) {
      return null;
    }
    return value.length() <= max ? value : value.substring(0, max - 1) + "…";
  }

  /**
   * An optional ISO-8601 instant filter ({@code 2026-12-07T04:00:00Z}).
   *
   * @throws ValidationException naming the parameter
   */
  public static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new ValidationException(
          name, "'" + name + "' must be an ISO-8601 instant such as 2026-12-07T04:00:00Z.");
    }
  }

  /**
   * An optional action filter: a whole name, or a prefix ending with a dot ({@code user.}).
   *
   * @throws ValidationException if it cannot be an action name
   */
  public static String actionFilter(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    var v = value.strip();
    var name = v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
    if (name.isEmpty() || v.length() > AuditEntry.MAX_ACTION || !ACTION.matcher(name).matches()) {
      throw new ValidationException(
          "action",
          "'action' is a lower-case dotted name such as user.disabled, or a prefix user.");
    }
    return v;
  }

  /**
   * The keep time of {@code chorus.audit.retention}: positive.
   *
   * @throws IllegalArgumentException for zero or a negative duration
   */
  static Duration retention(Duration configured) {
    if (configured == null || configured.isZero() || configured.isNegative()) {
      throw new IllegalArgumentException(
          "chorus.audit.retention must be a positive ISO-8601 duration, was " + configured);
    }
    return configured;
  }
}
