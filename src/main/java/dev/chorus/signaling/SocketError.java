package dev.chorus.signaling;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * A request that failed; sent back as {@code {"type":"error","id":...,"code":...,"message":...}}.
 * The code is stable for programs, the message is for people.
 */
public final class SocketError extends Exception {
  private final String requestId;
  private final String code;

  public SocketError(String requestId, String code, String message) {
    super(message, null, false, false);
    this.requestId = requestId;
    this.code = code;
  }

  public String code() {
    return code;
  }

  public JsonObject toJson() {
    var b = Json.createObjectBuilder().add("type", "error");
    if (requestId != null) {
      b.add("id", requestId);
    }
    return b.add("code", code).add("message", getMessage()).build();
  }
}
