package dev.chorus.im.room;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** An account that may not enter a room until unbanned. */
@Entity
@Table(name = "room_ban", indexes = @Index(name = "ix_room_ban_room", columnList = "room_id"))
public class RoomBan {
  @Id
  @Column(length = 80)
  private String id;

  @Column(name = "room_id", nullable = false, length = 36)
  private String roomId;

  @Column(name = "account_id", nullable = false, length = 36)
  private String accountId;

  @Column(length = 200)
  private String reason;

  @Column(name = "banned_by", nullable = false, length = 36)
  private String bannedBy;

  @Column(name = "banned_at", nullable = false)
  private Instant bannedAt;

  protected RoomBan() {}

  RoomBan(String roomId, String accountId, String reason, String bannedBy, Instant now) {
    this.id = RoomMember.idOf(roomId, accountId);
    this.roomId = roomId;
    this.accountId = accountId;
    this.reason = reason;
    this.bannedBy = bannedBy;
    this.bannedAt = now;
  }

  String accountId() {
    return accountId;
  }

  String reason() {
    return reason;
  }

  Instant bannedAt() {
    return bannedAt;
  }
}
