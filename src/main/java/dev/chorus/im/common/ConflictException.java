package dev.chorus.im.common;

/** The request clashes with what exists, e.g. a username that is already taken. */
public final class ConflictException extends DomainException {
  public ConflictException(String message) {
    super(Failure.CONFLICT, message);
  }

  /** A conflict with its own machine code, e.g. {@code already_in_call}. */
  public ConflictException(String code, String message) {
    super(Failure.CONFLICT, code, message);
  }

  @Override
  public String title() {
    return "Conflict";
  }
}
