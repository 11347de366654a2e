package dev.chorus.im.presence;

import dev.chorus.im.account.UserRef;

/** A user who is online now, and their status. */
public record OnlineUser(UserRef user, PresenceStatus status) {}
