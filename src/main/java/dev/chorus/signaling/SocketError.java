package dev.chorus.signaling;

import dev.chorus.im.common.DomainException;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * A request that failed; sent back as {@code {"type":"error","id":...,"code":...,"message":...}}.
 * The code is stable for programs, the message is for people. Domain failures become socket errors
 * through {@link #of}, so they carry the same code as on REST; the constructor is for the socket's
 * own refusals (unparsable frames, unknown types, missing fields).
 */
public final class SocketError extends Exception {
  private final String requestId;
  private final String code;

  public SocketError(String requestId, String code, String message) {
    super(message, null, false, false);
    this.requestId = requestId;
    this.code = code;
  }

  /** A domain failure as the answer to request {@code requestId} (may be null). */
  public static SocketError of(String requestId, DomainException e) {
    return new SocketError(requestId, e.code(), e.getMessage());
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
