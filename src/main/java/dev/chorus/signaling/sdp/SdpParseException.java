package dev.chorus.signaling.sdp;

/** A checked form of {@link SdpParseError}, for callers that prefer exceptions. */
public final class SdpParseException extends Exception {
  private final transient SdpParseError error;

  public SdpParseException(SdpParseError error) {
    super(error.message());
    this.error = error;
  }

  public SdpParseError error() {
    return error;
  }

  public int lineNumber() {
    return error.lineNumber();
  }
}
