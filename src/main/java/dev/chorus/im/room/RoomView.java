package dev.chorus.im.room;

/**
 * A room as one user sees it: {@code myRole} is null for non-members, {@code unread} is null unless
 * they are a member.
 */
public record RoomView(
    String id,
    String name,
    String topic,
    String visibility,
    boolean hasPassword,
    long memberCount,
    int occupantCount,
    String myRole,
    Long unread) {}
