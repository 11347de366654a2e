package dev.chorus.im.common;

/** The caller is known but not allowed to do this. */
public final class ForbiddenException extends DomainException {
  public ForbiddenException(String message) {
    super(message);
  }

  @Override
  public String title() {
    return "Forbidden";
  }
}
