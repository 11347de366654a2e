package dev.chorus.sso;

/** A single sign-on that failed; the detail is for the server log, never for the page. */
public final class SsoException extends Exception {
  private static final long serialVersionUID = 1L;

  private final SsoFailure failure;

  public SsoException(SsoFailure failure, String detail) {
    super(failure.code() + ": " + detail);
    this.failure = failure;
  }

  public SsoException(SsoFailure failure, String detail, Throwable cause) {
    super(failure.code() + ": " + detail, cause);
    this.failure = failure;
  }

  public SsoFailure failure() {
    return failure;
  }
}
