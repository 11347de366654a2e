package dev.chorus.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The size of the database connection pool on Payara and how long a request waits for a connection:
 * {@code chorus.db.pool.min} (connections kept open when idle), {@code chorus.db.pool.max} (most
 * connections at once) and {@code chorus.db.pool.wait} (ISO-8601; then the request fails with an
 * error instead of hanging while the database is away or saturated).
 */
record PoolSettings(int min, int max, Duration maxWait) {
  static final PoolSettings DEFAULTS = new PoolSettings(2, 32, Duration.ofSeconds(10));

  /** The ceiling of {@code chorus.db.pool.max}: beyond it a misconfiguration is more likely. */
  static final int MOST = 500;

  PoolSettings {
    if (max < 1 || max > MOST) {
      throw new IllegalArgumentException(
          "chorus.db.pool.max must be between 1 and " + MOST + ", was " + max);
    }
    if (min < 0 || min > max) {
      throw new IllegalArgumentException(
          "chorus.db.pool.min must be between 0 and chorus.db.pool.max (" + max + "), was " + min);
    }
    if (maxWait.toMillis() < 250) {
      throw new IllegalArgumentException(
          "chorus.db.pool.wait must be at least PT0.25S, was " + maxWait);
    }
  }

  static PoolSettings read(Function<String, Optional<String>> config) {
    return new PoolSettings(
        integer(config, "chorus.db.pool.min", DEFAULTS.min),
        integer(config, "chorus.db.pool.max", DEFAULTS.max),
        duration(config, "chorus.db.pool.wait", DEFAULTS.maxWait));
  }

  private static int integer(Function<String, Optional<String>> config, String key, int fallback) {
    var value = config.apply(key).map(String::strip).filter(v -> !v.isEmpty());
    try {
      return value.map(Integer::parseInt).orElse(fallback);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, was " + value.get(), e);
    }
  }

  private static Duration duration(
      Function<String, Optional<String>> config, String key, Duration fallback) {
    var value = config.apply(key).map(String::strip).filter(v -> !v.isEmpty());
    try {
      return value.map(Duration::parse).orElse(fallback);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          key + " must be an ISO-8601 duration such as PT10S, was " + value.get(), e);
    }
  }
}
