package dev.chorus.im.common;

import java.time.Duration;

/** Too many attempts; the caller may try again after {@link #retryAfter()}. */
public final class ThrottledException extends DomainException {
  private final Duration retryAfter;

  public ThrottledException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  @Override
  public String title() {
    return "Too many requests";
  }
}
