package dev.chorus.im.common;

import java.time.Duration;

/**
 * The server is too busy to do this now (a shared limit, not the caller's own budget, is spent);
 * anyone may try again after {@link #retryAfter()}.
 */
public final class OverloadedException extends DomainException {
  private final Duration retryAfter;

  public OverloadedException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  @Override
  public String title() {
    return "Server busy";
  }
}
