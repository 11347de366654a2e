package dev.chorus.im.stream;

/**
 * A stream key was revoked (fired once the revocation committed): a stream it publishes must end,
 * and players it admitted must stop.
 */
public record StreamKeyRevoked(String keyId, String roomId) {}
