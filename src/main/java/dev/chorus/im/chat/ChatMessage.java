package dev.chorus.im.chat;

import dev.chorus.im.account.UserRef;
import java.time.Instant;

/**
 * A stored message as clients see it. {@code to} is the recipient of a direct message; {@code
 * clientMessageId} is the sender's own id for it, if they gave one; {@code call} is set when the
 * message records a call (then {@code from} is the caller).
 */
public record ChatMessage(
    long id,
    UserRef from,
    UserRef to,
    String text,
    Instant sentAt,
    String clientMessageId,
    CallRecord call) {}
