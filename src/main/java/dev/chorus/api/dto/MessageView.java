package dev.chorus.api.dto;

import dev.chorus.im.account.UserRef;
import dev.chorus.im.chat.CallRecord;
import dev.chorus.im.chat.ChatMessage;
import java.time.Instant;

/** A message, the same shape as on the socket. */
public record MessageView(
    long id,
    UserRef from,
    UserRef to,
    String text,
    Instant sentAt,
    String clientMessageId,
    CallRecord call) {

  public static MessageView of(ChatMessage m) {
    return new MessageView(
        m.id(), m.from(), m.to(), m.text(), m.sentAt(), m.clientMessageId(), m.call());
  }
}
