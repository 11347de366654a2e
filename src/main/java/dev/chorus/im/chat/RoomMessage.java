package dev.chorus.im.chat;

import dev.chorus.im.account.UserRef;
import java.time.Instant;

/** A stored message in a room, as clients see it. */
public record RoomMessage(
    long id, String roomId, UserRef from, String text, Instant sentAt, String clientMessageId) {}
