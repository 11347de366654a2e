package dev.chorus.im.stream;

import dev.chorus.im.stream.StreamGrant.Purpose;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A stream key: a long-lived bearer secret good for one purpose in one room. Only the SHA-256 of
 * the secret is stored (as for login sessions), so a copy of the database publishes nothing.
 */
@Entity
@Table(
    name = "stream_key",
    indexes = @Index(name = "ix_stream_key_room", columnList = "room_id, created_at"))
public class StreamKey {
  @Id
  @Column(length = 36)
  private String id;

  @Column(name = "room_id", nullable = false, length = 36)
  private String roomId;

  @Column(nullable = false, length = StreamKeyRules.MAX_NAME)
  private String name;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 8)
  private Purpose purpose;

  @Column(name = "token_hash", nullable = false, unique = true, length = 64)
  private String tokenHash;

  @Column(name = "created_by", nullable = false, length = 36)
  private String createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  protected StreamKey() {}

  StreamKey(
      String roomId,
      String name,
      Purpose purpose,
      String tokenHash,
      String createdBy,
      Instant createdAt) {
    this.id = UUID.randomUUID().toString();
    this.roomId = roomId;
    this.name = name;
    this.purpose = purpose;
    this.tokenHash = tokenHash;
    this.createdBy = createdBy;
    this.createdAt = createdAt;
  }

  public String id() {
    return id;
  }

  public String roomId() {
    return roomId;
  }

  public String name() {
    return name;
  }

  public Purpose purpose() {
    return purpose;
  }

  public String createdBy() {
    return createdBy;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Optional<Instant> lastUsedAt() {
    return Optional.ofNullable(lastUsedAt);
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }

  StreamGrant grant() {
    return new StreamGrant(id, roomId, purpose, name, createdBy);
  }

  /** Marks the key used now, unless it was marked less than {@code every} ago; true if it wrote. */
  boolean touch(Instant now, java.time.Duration every) {
    if (!StreamKeyRules.dueForTouch(lastUsedAt, now, every)) {
      return false;
    }
    lastUsedAt = now;
    return true;
  }

  void revoke(Instant now) {
    if (revokedAt == null) {
      revokedAt = now;
    }
  }
}
