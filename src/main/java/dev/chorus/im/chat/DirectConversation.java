package dev.chorus.im.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The conversation of two users, created by their first message. Keeps the last message so the
 * conversation list is one query, not a scan of all messages.
 */
@Entity
@Table(
    name = "direct_conversation",
    indexes = {
      @Index(name = "ix_dm_user_a", columnList = "user_a"),
      @Index(name = "ix_dm_user_b", columnList = "user_b")
    })
public class DirectConversation {
  @Id
  @Column(name = "conversation_key", length = 80)
  private String key;

  @Column(name = "user_a", nullable = false, length = 36)
  private String userA;

  @Column(name = "user_b", nullable = false, length = 36)
  private String userB;

  @Column(name = "last_message_id", nullable = false)
  private long lastMessageId;

  @Column(name = "last_message_at", nullable = false)
  private Instant lastMessageAt;

  protected DirectConversation() {}

  DirectConversation(String key, String userA, String userB, Instant createdAt) {
    this.key = key;
    this.userA = userA;
    this.userB = userB;
    this.lastMessageAt = createdAt;
  }

  /** The key of the conversation between two accounts, whoever writes first. */
  static String keyOf(String accountA, String accountB) {
    return accountA.compareTo(accountB) < 0
        ? "dm:" + accountA + ":" + accountB
        : "dm:" + accountB + ":" + accountA;
  }

  String key() {
    return key;
  }

  String otherThan(String accountId) {
    return userA.equals(accountId) ? userB : userA;
  }

  long lastMessageId() {
    return lastMessageId;
  }

  void touch(Message m) {
    if (m.id() > lastMessageId) {
      lastMessageId = m.id();
      lastMessageAt = m.sentAt();
    }
  }
}
