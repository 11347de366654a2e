package dev.chorus.signaling.media;

/**
 * A room media request the server will not carry out; becomes an {@code error} reply on the socket
 * and a problem body on the WHIP/WHEP endpoints.
 */
public final class MediaRefused extends Exception {
  private static final long serialVersionUID = 1L;

  private final String code;

  public MediaRefused(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /** The protocol's error code, e.g. {@code bad_sdp}. */
  public String code() {
    return code;
  }
}
