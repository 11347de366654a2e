package dev.chorus.api.dto;

import dev.chorus.im.account.UserRef;
import dev.chorus.im.stream.StreamKeyRules;
import dev.chorus.im.stream.StreamKeys;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;

/**
 * A stream key as its room's owner and admins see it: never the secret. {@code purpose} is {@code
 * publish} (WHIP) or {@code view} (WHEP); {@code lastUsedAt} is null until first used, and is
 * updated at most once a minute.
 */
@JsonbNillable
public record StreamKeyView(
    String id,
    String roomId,
    String name,
    String purpose,
    UserRef createdBy,
    Instant createdAt,
    Instant lastUsedAt) {
  public static StreamKeyView of(StreamKeys.Key k) {
    return new StreamKeyView(
        k.id(),
        k.roomId(),
        k.name(),
        StreamKeyRules.wire(k.purpose()),
        k.createdBy(),
        k.createdAt(),
        k.lastUsedAt());
  }

  /**
   * {@code POST /api/rooms/{id}/stream-keys}: a name and {@code publish} (default) or {@code view}.
   */
  public record Create(String name, String purpose) {}

  /**
   * A new key with its secret, shown this once; {@code whipUrl} is where an encoder publishes with
   * it (null for a view key).
   */
  @JsonbNillable
  public record Created(StreamKeyView key, String secret, String whipUrl) {}
}
