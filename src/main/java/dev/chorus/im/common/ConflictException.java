package dev.chorus.im.common;

/** The request clashes with what exists, e.g. a username that is already taken. */
public final class ConflictException extends DomainException {
  public ConflictException(String message) {
    super(message);
  }

  @Override
  public String title() {
    return "Conflict";
  }
}
