package dev.chorus.signaling;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Typed reads of a message's fields; a missing or mistyped field is a {@code bad_request}. */
public final class Fields {
  private Fields() {}

  public static String string(Envelope m, String name) throws SocketError {
    if (m.body().get(name) instanceof JsonString s) {
      return s.getString();
    }
    throw new SocketError(m.id(), "bad_request", "'" + name + "' must be a string.");
  }

  public static String optionalString(Envelope m, String name) throws SocketError {
    var v = m.body().get(name);
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    return string(m, name);
  }

  public static long positiveLong(Envelope m, String name) throws SocketError {
    if (m.body().get(name) instanceof JsonNumber n && n.isIntegral()) {
      try {
        long value = n.longValueExact();
        if (value > 0) {
          return value;
        }
      } catch (ArithmeticException tooBig) {
        // falls through to the error below
      }
    }
    throw new SocketError(m.id(), "bad_request", "'" + name + "' must be a positive integer.");
  }
}
