package dev.chorus.api;

import dev.chorus.im.common.ValidationException;

/**
 * Query parameters read as strings and converted here, so "limit=abc" is a 400 with a message
 * naming the parameter rather than the container's bare 404.
 */
final class Params {
  private Params() {}

  static Integer optionalInt(String name, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw new ValidationException(name, "'" + name + "' must be a whole number.");
    }
  }

  static Long optionalLong(String name, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Long.valueOf(value);
    } catch (NumberFormatException e) {
      throw new ValidationException(name, "'" + name + "' must be a whole number.");
    }
  }
}
