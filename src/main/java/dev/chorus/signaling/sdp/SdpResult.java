package dev.chorus.signaling.sdp;

import java.util.Optional;

/**
 * The outcome of parsing untrusted SDP text: either a value or an {@link SdpParseError}. Parsing
 * never throws on malformed input; {@link #orElseThrow()} converts to a checked exception for
 * callers that want one.
 */
public sealed interface SdpResult<T> {

  record Ok<T>(T value) implements SdpResult<T> {
    public Ok {
      if (value == null) {
        throw new IllegalArgumentException("Ok needs a value");
      }
    }
  }

  record Failed<T>(SdpParseError error) implements SdpResult<T> {
    public Failed {
      if (error == null) {
        throw new IllegalArgumentException("Failed needs an error");
      }
    }
  }

  default boolean isOk() {
    return this instanceof Ok;
  }

  default Optional<T> ok() {
    return this instanceof Ok<T> ok ? Optional.of(ok.value()) : Optional.empty();
  }

  default Optional<SdpParseError> failure() {
    return this instanceof Failed<T> f ? Optional.of(f.error()) : Optional.empty();
  }

  default T orElseThrow() throws SdpParseException {
    if (this instanceof Ok<T> ok) {
      return ok.value();
    }
    throw new SdpParseException(((Failed<T>) this).error());
  }
}
