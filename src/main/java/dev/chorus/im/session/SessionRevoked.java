package dev.chorus.im.session;

/** A session was ended by logout: sockets opened with it must close. */
public record SessionRevoked(String accountId, String tokenHash) {}
