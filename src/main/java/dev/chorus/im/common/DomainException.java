package dev.chorus.im.common;

/**
 * A failure the user can act on. The edges ({@code api}, {@code signaling}) turn each kind into an
 * HTTP status or a socket error code, and show {@link #getMessage()} to the user as it is, so the
 * message must be readable and must never contain secrets or internals.
 */
public abstract sealed class DomainException extends RuntimeException
    permits ValidationException,
        ConflictException,
        AuthenticationException,
        ThrottledException,
        OverloadedException,
        NotFoundException,
        ForbiddenException {

  protected DomainException(String message) {
    super(message, null, false, false);
  }

  /** A short title for the kind of failure, e.g. "Validation failed". */
  public abstract String title();
}
