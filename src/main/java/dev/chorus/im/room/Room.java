package dev.chorus.im.room;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.UUID;

/** A chat room. {@code nameKey} is the lower-cased name, so names are unique whatever the case. */
@Entity
@Table(
    name = "room",
    uniqueConstraints = @UniqueConstraint(name = "uk_room_name", columnNames = "name_key"),
    indexes = @Index(name = "ix_room_owner", columnList = "owner_id, created_at"))
public class Room {
  @Id
  @Column(length = 36)
  private String id;

  @Column(nullable = false, length = 40)
  private String name;

  @Column(name = "name_key", nullable = false, length = 40)
  private String nameKey;

  @Column(nullable = false, length = 200)
  private String topic;

  @Column(name = "is_private", nullable = false)
  private boolean privateRoom;

  @Column(name = "password_hash", length = 200)
  private String passwordHash;

  @Column(name = "owner_id", nullable = false, length = 36)
  private String ownerId;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  /** Only the owner, presenters and people on stage show; everyone else watches. */
  @Column(nullable = false)
  private boolean broadcast;

  protected Room() {}

  Room(
      String name, String nameKey, String topic, boolean privateRoom, String ownerId, Instant now) {
    this.id = UUID.randomUUID().toString();
    this.name = name;
    this.nameKey = nameKey;
    this.topic = topic;
    this.privateRoom = privateRoom;
    this.ownerId = ownerId;
    this.createdAt = now;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String topic() {
    return topic;
  }

  public boolean isPrivate() {
    return privateRoom;
  }

  public boolean hasPassword() {
    return passwordHash != null;
  }

  public boolean isBroadcast() {
    return broadcast;
  }

  void setBroadcast(boolean broadcast) {
    this.broadcast = broadcast;
  }

  String passwordHash() {
    return passwordHash;
  }

  String nameKey() {
    return nameKey;
  }

  String ownerId() {
    return ownerId;
  }

  /** A new owner; the memberships' roles are changed by the caller ({@link RoomAdministration}). */
  void setOwnerId(String ownerId) {
    this.ownerId = ownerId;
  }

  void setTopic(String topic) {
    this.topic = topic;
  }

  void setPrivate(boolean privateRoom) {
    this.privateRoom = privateRoom;
  }

  void setPasswordHash(String passwordHash) {
    this.passwordHash = passwordHash;
  }
}
