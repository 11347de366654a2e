package dev.chorus.signaling;

import dev.chorus.wire.JsonP;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * A client message: {@code {"type": "...", "id": "...", ...}}. The id is the client's, echoed in
 * the reply so it can match replies to requests; it is optional for fire-and-forget messages.
 */
public record Envelope(String type, String id, JsonObject body) {
  static final int MAX_ID_LENGTH = 64;

  /** Parses one text frame, or explains why it cannot be. */
  static Envelope parse(String text) throws SocketError {
    JsonObject json;
    try {
      var value = JsonP.parse(text);
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new SocketError(null, "bad_request", "A message must be a JSON object.");
      }
      json = value.asJsonObject();
    } catch (JsonException e) {
      throw new SocketError(null, "bad_json", "The message is not valid JSON.");
    }
    var id = json.get("id") instanceof JsonString s ? s.getString() : null;
    if (id != null && id.length() > MAX_ID_LENGTH) {
      throw new SocketError(null, "bad_request", "'id' must be at most 64 characters.");
    }
    if (!(json.get("type") instanceof JsonString type) || type.getString().isBlank()) {
      throw new SocketError(id, "bad_request", "A message needs a string 'type'.");
    }
    return new Envelope(type.getString(), id, json);
  }

  /** A reply to this message with the given type; carries the request id. */
  public jakarta.json.JsonObjectBuilder reply(String replyType) {
    var b = JsonP.object().add("type", replyType);
    if (id != null) {
      b.add("id", id);
    }
    return b;
  }
}
