package dev.chorus.signaling;

import dev.chorus.im.common.DomainException;
import dev.chorus.im.common.RetryLater;
import dev.chorus.wire.JsonP;
import jakarta.json.JsonObject;
import java.time.Duration;

/**
 * A request that failed; sent back as {@code {"type":"error","id":...,"code":...,"message":...}}.
 * The code is stable for programs, the message is for people. Domain failures become socket errors
 * through {@link #of}, so they carry the same code as on REST; the constructor is for the socket's
 * own refusals (unparsable frames, unknown types, missing fields).
 */
public final class SocketError extends Exception {
  private final String requestId;
  private final String code;
  private final long retryAfterMs;

  public SocketError(String requestId, String code, String message) {
    this(requestId, code, message, -1);
  }

  /** An error the client may retry after {@code retryAfterMs} (e.g. {@code rate_limited}). */
  public SocketError(String requestId, String code, String message, long retryAfterMs) {
    super(message, null, false, false);
    this.requestId = requestId;
    this.code = code;
    this.retryAfterMs = retryAfterMs;
  }

  /** An error the client may retry after {@code retryAfter}. */
  public SocketError(String requestId, String code, String message, Duration retryAfter) {
    this(requestId, code, message, retryAfter.toMillis());
  }

  /** A domain failure as the answer to request {@code requestId} (may be null). */
  public static SocketError of(String requestId, DomainException e) {
    if (e instanceof RetryLater later) {
      return new SocketError(requestId, e.code(), e.getMessage(), later.retryAfter());
    }
    return new SocketError(requestId, e.code(), e.getMessage());
  }

  public String code() {
    return code;
  }

  public JsonObject toJson() {
    var b = JsonP.object().add("type", "error");
    if (requestId != null) {
      b.add("id", requestId);
    }
    b.add("code", code).add("message", getMessage());
    if (retryAfterMs >= 0) {
      b.add("retryAfterMs", retryAfterMs);
    }
    return b.build();
  }
}
