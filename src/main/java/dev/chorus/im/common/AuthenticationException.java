package dev.chorus.im.common;

/** Missing, wrong, expired or revoked credentials. */
public final class AuthenticationException extends DomainException {
  public AuthenticationException(String message) {
    super(Failure.UNAUTHORIZED, message);
  }

  @Override
  public String title() {
    return "Unauthorized";
  }
}
