package dev.chorus.signaling.sdp;

import java.util.Optional;

/**
 * {@code a=setup:<role>}: which side opens the DTLS connection (RFC 4145 §4, <a
 * href="https://www.rfc-editor.org/rfc/rfc4145#section-4">rfc4145#section-4</a>; use in DTLS-SRTP
 * per RFC 8842 §5). Browsers offer {@code actpass}; the SFU answers {@link #PASSIVE}.
 */
public enum Setup implements Attribute {
  ACTIVE("active"),
  PASSIVE("passive"),
  ACTPASS("actpass"),
  HOLDCONN("holdconn");

  private final String token;

  Setup(String token) {
    this.token = token;
  }

  public String token() {
    return token;
  }

  public static Optional<Setup> fromToken(String token) {
    for (Setup s : values()) {
      if (s.token.equals(token)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  @Override
  public String attributeName() {
    return "setup";
  }

  @Override
  public String attributeValue() {
    return token;
  }
}
