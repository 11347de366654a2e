package dev.chorus.api.dto;

/** An entry of the conversation list. */
public record ConversationView(
    UserView with, MessageView lastMessage, long unread, long readUpTo, long otherReadUpTo) {}
