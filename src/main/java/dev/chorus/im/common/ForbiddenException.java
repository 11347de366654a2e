package dev.chorus.im.common;

/**
 * The caller is known but not allowed to do this. {@link #code()} says which rule refused it
 * ("forbidden" unless more specific, e.g. "banned", "wrong_password").
 */
public final class ForbiddenException extends DomainException {
  private final String code;

  public ForbiddenException(String message) {
    this("forbidden", message);
  }

  public ForbiddenException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }

  @Override
  public String title() {
    return "Forbidden";
  }
}
