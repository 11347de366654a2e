package dev.chorus.signaling;

import dev.chorus.im.common.ThrottledException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;

/**
 * A request that failed; sent back as {@code {"type":"error","id":...,"code":...,"message":...}}.
 * The code is stable for programs, the message is for people. A {@code rate_limited} error may
 * carry {@code retryAfter}: whole seconds to wait before trying again.
 */
public final class SocketError extends Exception {
  private final String requestId;
  private final String code;
  private final Long retryAfterSeconds;

  public SocketError(String requestId, String code, String message) {
    this(requestId, code, message, null);
  }

  /** An error that tells when to try again ({@code retryAfter} in whole seconds, at least 1). */
  public SocketError(String requestId, String code, String message, Duration retryAfter) {
    super(message, null, false, false);
    this.requestId = requestId;
    this.code = code;
    this.retryAfterSeconds = retryAfter == null ? null : ThrottledException.seconds(retryAfter);
  }

  public String code() {
    return code;
  }

  public JsonObject toJson() {
    var b = Json.createObjectBuilder().add("type", "error");
    if (requestId != null) {
      b.add("id", requestId);
    }
    b.add("code", code).add("message", getMessage());
    if (retryAfterSeconds != null) {
      b.add("retryAfter", retryAfterSeconds);
    }
    return b.build();
  }
}
