package dev.chorus.wire;

import dev.chorus.im.account.UserRef;
import dev.chorus.im.chat.CallRecord;
import dev.chorus.im.chat.ChatMessage;
import java.time.Instant;

/**
 * A direct message, in REST history and conversation lists and in the socket's {@code chat.ack} and
 * {@code chat.message}. {@code clientMessageId} and {@code call} are left out when null.
 */
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
