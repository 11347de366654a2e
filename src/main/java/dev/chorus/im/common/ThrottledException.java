package dev.chorus.im.common;

import java.time.Duration;

/** Too many attempts; the caller may try again after {@link #retryAfter()}. */
public final class ThrottledException extends DomainException implements RetryLater {
  private final Duration retryAfter;

  public ThrottledException(String message, Duration retryAfter) {
    super(Failure.RATE_LIMITED, message);
    this.retryAfter = retryAfter;
  }

  @Override
  public Duration retryAfter() {
    return retryAfter;
  }

  /** {@link #retryAfter()} in whole seconds, rounded up, at least 1 (for Retry-After headers). */
  public long retryAfterSeconds() {
    return seconds(retryAfter);
  }

  /** A wait in whole seconds, rounded up, at least 1. */
  public static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  @Override
  public String title() {
    return "Too many requests";
  }
}
