package dev.chorus.im.common;

/** The thing asked for does not exist, or the caller may not know that it does. */
public final class NotFoundException extends DomainException {
  public NotFoundException(String message) {
    super(Failure.NOT_FOUND, message);
  }

  /** Something specific that is missing, e.g. {@code unknown_user}. */
  public NotFoundException(String code, String message) {
    super(Failure.NOT_FOUND, code, message);
  }

  @Override
  public String title() {
    return "Not found";
  }
}
