package dev.chorus.im.room;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** Membership of one account in one room, with its role. */
@Entity
@Table(
    name = "room_member",
    indexes = {
      @Index(name = "ix_room_member_room", columnList = "room_id"),
      @Index(name = "ix_room_member_account", columnList = "account_id")
    })
public class RoomMember {
  /** {@code <room id>|<account id>}. */
  @Id
  @Column(length = 80)
  private String id;

  @Column(name = "room_id", nullable = false, length = 36)
  private String roomId;

  @Column(name = "account_id", nullable = false, length = 36)
  private String accountId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 8)
  private RoomRole role;

  @Column(name = "joined_at", nullable = false)
  private Instant joinedAt;

  protected RoomMember() {}

  RoomMember(String roomId, String accountId, RoomRole role, Instant now) {
    this.id = idOf(roomId, accountId);
    this.roomId = roomId;
    this.accountId = accountId;
    this.role = role;
    this.joinedAt = now;
  }

  static String idOf(String roomId, String accountId) {
    return roomId + "|" + accountId;
  }

  String accountId() {
    return accountId;
  }

  RoomRole role() {
    return role;
  }

  void setRole(RoomRole role) {
    this.role = role;
  }
}
