package dev.chorus.im.common;

import java.util.regex.Pattern;

/**
 * A failure the user can act on. Its {@link #failure() kind} decides how the edges signal it (an
 * HTTP status in {@code api}); its {@link #code() code} is the stable machine code both REST and
 * the socket show; {@link #getMessage()} is shown to the user as it is, so it must be readable and
 * must never contain secrets or internals.
 */
public abstract sealed class DomainException extends RuntimeException
    permits ValidationException,
        ConflictException,
        AuthenticationException,
        ThrottledException,
        OverloadedException,
        NotFoundException,
        ForbiddenException {
  private static final Pattern CODE = Pattern.compile("[a-z][a-z_]{1,39}");

  private final Failure failure;
  private final String code;

  protected DomainException(Failure failure, String message) {
    this(failure, failure.code(), message);
  }

  /** A failure with a more specific code than its kind's, e.g. {@code wrong_password}. */
  protected DomainException(Failure failure, String code, String message) {
    super(message, null, false, false);
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("not a machine code: " + code);
    }
    this.failure = failure;
    this.code = code;
  }

  public final Failure failure() {
    return failure;
  }

  /** The stable machine code, e.g. {@code not_found} or {@code already_in_call}. */
  public final String code() {
    return code;
  }

  /** A short title for the kind of failure, e.g. "Validation failed". */
  public abstract String title();
}
