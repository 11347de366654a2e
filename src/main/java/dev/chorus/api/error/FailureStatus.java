package dev.chorus.api.error;

import dev.chorus.im.common.Failure;

/**
 * The HTTP status of each kind of domain failure. The switch has no default, so a new {@link
 * Failure} kind does not compile until it has its status here.
 */
final class FailureStatus {
  private FailureStatus() {}

  static int of(Failure failure) {
    return switch (failure) {
      case BAD_REQUEST -> 400;
      case UNAUTHORIZED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case RATE_LIMITED -> 429;
      case UNAVAILABLE -> 503;
    };
  }
}
