package dev.chorus.signaling.sdp;

import java.util.Optional;

/**
 * Media direction attributes {@code a=sendrecv / sendonly / recvonly / inactive} (RFC 8866 §6.7, <a
 * href="https://www.rfc-editor.org/rfc/rfc8866#section-6.7">rfc8866#section-6.7</a>), also used as
 * the optional direction of {@code a=extmap}.
 */
public enum Direction implements Attribute {
  SENDRECV("sendrecv"),
  SENDONLY("sendonly"),
  RECVONLY("recvonly"),
  INACTIVE("inactive");

  private final String token;

  Direction(String token) {
    this.token = token;
  }

  public String token() {
    return token;
  }

  public boolean sends() {
    return this == SENDRECV || this == SENDONLY;
  }

  public boolean receives() {
    return this == SENDRECV || this == RECVONLY;
  }

  /** The direction an answerer uses for an offered one (RFC 3264 §6.1). */
  public Direction reverse() {
    return switch (this) {
      case SENDONLY -> RECVONLY;
      case RECVONLY -> SENDONLY;
      default -> this;
    };
  }

  public static Optional<Direction> fromToken(String token) {
    for (Direction d : values()) {
      if (d.token.equals(token)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  @Override
  public String attributeName() {
    return token;
  }

  @Override
  public String attributeValue() {
    return null;
  }
}
