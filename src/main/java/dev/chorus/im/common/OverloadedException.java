package dev.chorus.im.common;

import java.time.Duration;

/**
 * The server is too busy to do this now (a shared limit, not the caller's own budget, is spent);
 * anyone may try again after {@link #retryAfter()}.
 */
public final class OverloadedException extends DomainException implements RetryLater {
  private final Duration retryAfter;

  public OverloadedException(String message, Duration retryAfter) {
    super(Failure.UNAVAILABLE, message);
    this.retryAfter = retryAfter;
  }

  @Override
  public Duration retryAfter() {
    return retryAfter;
  }

  @Override
  public String title() {
    return "Server busy";
  }
}
