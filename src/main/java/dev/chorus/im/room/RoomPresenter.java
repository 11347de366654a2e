package dev.chorus.im.room;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An account a room's moderators chose to present: in a broadcast room it may show without being
 * invited on stage. Not a {@link RoomRole}: presenting is not moderating.
 */
@Entity
@Table(
    name = "room_presenter",
    indexes = @Index(name = "ix_room_presenter_room", columnList = "room_id"))
public class RoomPresenter {
  /** {@code <room id>|<account id>}, as {@link RoomMember#idOf}. */
  @Id
  @Column(length = 80)
  private String id;

  @Column(name = "room_id", nullable = false, length = 36)
  private String roomId;

  @Column(name = "account_id", nullable = false, length = 36)
  private String accountId;

  @Column(name = "added_by", nullable = false, length = 36)
  private String addedBy;

  @Column(name = "added_at", nullable = false)
  private Instant addedAt;

  protected RoomPresenter() {}

  RoomPresenter(String roomId, String accountId, String addedBy, Instant now) {
    this.id = RoomMember.idOf(roomId, accountId);
    this.roomId = roomId;
    this.accountId = accountId;
    this.addedBy = addedBy;
    this.addedAt = now;
  }

  String accountId() {
    return accountId;
  }
}
