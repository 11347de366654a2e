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

  @Override
  public String title() {
    return "Too many requests";
  }
}
