package dev.chorus.im.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/**
 * One stored message. Ids grow with time, so they order history and serve as paging cursors. {@code
 * (sender, clientMessageId)} is unique: a client that resends after a reconnect gets the stored
 * message back instead of a duplicate.
 */
@Entity
@Table(
    name = "message",
    indexes = @Index(name = "ix_message_conversation", columnList = "conversation_key, id"),
    uniqueConstraints =
        @UniqueConstraint(
            name = "uk_message_client_id",
            columnNames = {"sender_id", "client_message_id"}))
public class Message {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "message_seq")
  @SequenceGenerator(name = "message_seq", sequenceName = "message_seq", allocationSize = 1)
  private Long id;

  @Column(name = "conversation_key", nullable = false, length = 80)
  private String conversationKey;

  @Column(name = "sender_id", nullable = false, length = 36)
  private String senderId;

  @Column(name = "recipient_id", length = 36)
  private String recipientId;

  // 4000 code points can be 8000 UTF-16 units (emoji).
  @Column(nullable = false, length = 8000)
  private String text;

  @Column(name = "sent_at", nullable = false)
  private Instant sentAt;

  @Column(name = "client_message_id", length = 64)
  private String clientMessageId;

  /** Set on the record of a call ("missed", "completed", ...); null on a text message. */
  @Column(name = "call_outcome", length = 16)
  private String callOutcome;

  @Column(name = "call_media", length = 8)
  private String callMedia;

  @Column(name = "call_duration_ms")
  private Long callDurationMs;

  protected Message() {}

  Message(
      String conversationKey,
      String senderId,
      String recipientId,
      String text,
      Instant sentAt,
      String clientMessageId) {
    this.conversationKey = conversationKey;
    this.senderId = senderId;
    this.recipientId = recipientId;
    this.text = text;
    this.sentAt = sentAt;
    this.clientMessageId = clientMessageId;
  }

  public long id() {
    return id;
  }

  public String conversationKey() {
    return conversationKey;
  }

  public String senderId() {
    return senderId;
  }

  public String recipientId() {
    return recipientId;
  }

  public String text() {
    return text;
  }

  public Instant sentAt() {
    return sentAt;
  }

  public String clientMessageId() {
    return clientMessageId;
  }

  void recordCall(CallRecord call) {
    this.callOutcome = call.outcome();
    this.callMedia = call.media();
    this.callDurationMs = call.durationMs();
  }

  /** The call this message records, or null for a text message. */
  public CallRecord call() {
    return callOutcome == null
        ? null
        : new CallRecord(callMedia, callOutcome, callDurationMs == null ? 0 : callDurationMs);
  }
}
