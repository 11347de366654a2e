package dev.chorus.im.room;

/**
 * A room as one user sees it: {@code myRole} is null for non-members, {@code unread} is null unless
 * they are a member. {@code mode} is {@code meeting} (everyone may show) or {@code broadcast} (only
 * the owner, presenters and people on stage show); {@code presenter} says whether this user is one
 * of the room's presenters.
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
    Long unread,
    String mode,
    boolean presenter) {}
