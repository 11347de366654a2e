package dev.chorus.im.room;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** Permission for one account to enter a private room; used up when they enter. */
@Entity
@Table(
    name = "room_invite",
    indexes = @Index(name = "ix_room_invite_account", columnList = "account_id"))
public class RoomInvite {
  @Id
  @Column(length = 80)
  private String id;

  @Column(name = "room_id", nullable = false, length = 36)
  private String roomId;

  @Column(name = "account_id", nullable = false, length = 36)
  private String accountId;

  @Column(name = "invited_by", nullable = false, length = 36)
  private String invitedBy;

  @Column(name = "invited_at", nullable = false)
  private Instant invitedAt;

  protected RoomInvite() {}

  RoomInvite(String roomId, String accountId, String invitedBy, Instant now) {
    this.id = RoomMember.idOf(roomId, accountId);
    this.roomId = roomId;
    this.accountId = accountId;
    this.invitedBy = invitedBy;
    this.invitedAt = now;
  }
}
