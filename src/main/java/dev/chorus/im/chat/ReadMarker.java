package dev.chorus.im.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** How far one account has read one conversation; only ever moves forward. */
@Entity
@Table(name = "read_marker")
public class ReadMarker {
  /** {@code <conversation key>|<account id>}: one marker per reader and conversation. */
  @Id
  @Column(length = 120)
  private String id;

  @Column(name = "last_read_id", nullable = false)
  private long lastReadId;

  protected ReadMarker() {}

  ReadMarker(String conversationKey, String accountId) {
    this.id = idOf(conversationKey, accountId);
  }

  static String idOf(String conversationKey, String accountId) {
    return conversationKey + "|" + accountId;
  }

  long lastReadId() {
    return lastReadId;
  }

  /** Moves the marker forward; true if it moved. */
  boolean advanceTo(long messageId) {
    if (messageId <= lastReadId) {
      return false;
    }
    lastReadId = messageId;
    return true;
  }
}
