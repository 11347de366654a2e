package dev.chorus.im.call;

import java.util.Objects;
import java.util.UUID;

/** Names one call; chosen by the server, quoted by clients in every later message about it. */
public record CallId(String value) {
  public CallId {
    Objects.requireNonNull(value, "value");
  }

  static CallId random() {
    return new CallId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
