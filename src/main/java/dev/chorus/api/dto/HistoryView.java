package dev.chorus.api.dto;

import dev.chorus.wire.MessageView;
import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;

/** A page of history, newest first; {@code nextCursor} is the {@code before} of older messages. */
@JsonbNillable
public record HistoryView(
    List<MessageView> items, Long nextCursor, long readUpTo, long otherReadUpTo) {}
