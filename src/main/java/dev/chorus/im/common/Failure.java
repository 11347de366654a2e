package dev.chorus.im.common;

/**
 * The kinds of domain failure. Each edge turns a kind into its own signal (REST: one HTTP status
 * per kind, in {@code api.error}); the machine code a client sees is {@link
 * DomainException#code()}, which is the kind's code unless a failure names a more specific one
 * (e.g. {@code already_in_call}), and is the same on REST and on the socket.
 */
public enum Failure {
  BAD_REQUEST("bad_request"),
  UNAUTHORIZED("unauthorized"),
  FORBIDDEN("forbidden"),
  NOT_FOUND("not_found"),
  CONFLICT("conflict"),
  RATE_LIMITED("rate_limited"),
  UNAVAILABLE("unavailable");

  private final String code;

  Failure(String code) {
    this.code = code;
  }

  /** The machine code of this kind of failure, when nothing more specific is said. */
  public String code() {
    return code;
  }
}
