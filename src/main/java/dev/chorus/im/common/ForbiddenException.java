package dev.chorus.im.common;

/**
 * The caller is known but not allowed to do this. {@link #code()} says which rule refused it
 * ("forbidden" unless more specific, e.g. "banned", "wrong_password").
 */
public final class ForbiddenException extends DomainException {
  public ForbiddenException(String message) {
    super(Failure.FORBIDDEN, message);
  }

  public ForbiddenException(String code, String message) {
    super(Failure.FORBIDDEN, code, message);
  }

  @Override
  public String title() {
    return "Forbidden";
  }
}
