package dev.chorus.im.presence;

import dev.chorus.im.account.UserRef;

/** A user came online, went offline, or chose another status. */
public record PresenceChanged(UserRef user, PresenceStatus status) {}
