package dev.chorus.im.common;

/** The thing asked for does not exist, or the caller may not know that it does. */
public final class NotFoundException extends DomainException {
  public NotFoundException(String message) {
    super(message);
  }

  @Override
  public String title() {
    return "Not found";
  }
}
