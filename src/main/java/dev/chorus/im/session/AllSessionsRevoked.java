package dev.chorus.im.session;

/**
 * Every session of an account that existed before this moment was ended ("log out everywhere", a
 * password change), after commit. Sockets whose session is no longer valid must close; a session
 * issued in the same step (the new one after a password change) stays valid and keeps its sockets.
 */
public record AllSessionsRevoked(String accountId) {}
