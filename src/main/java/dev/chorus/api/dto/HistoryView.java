package dev.chorus.api.dto;

import java.util.List;

/** A page of history, newest first; {@code nextCursor} is the {@code before} of older messages. */
public record HistoryView(
    List<MessageView> items, Long nextCursor, long readUpTo, long otherReadUpTo) {}
