package dev.chorus.streams;

/**
 * A refusal of the streams edge itself (credentials, content type, preconditions), answered as a
 * problem with {@code status} and {@code code}.
 */
final class StreamRefusal extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  StreamRefusal(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
