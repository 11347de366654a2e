package dev.chorus.api.dto;

import dev.chorus.wire.MessageView;

/** An entry of the conversation list. */
public record ConversationView(
    UserView with, MessageView lastMessage, long unread, long readUpTo, long otherReadUpTo) {}
