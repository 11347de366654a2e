package dev.chorus.signaling;

/**
 * A tab's socket is gone (closed, timed out, or failed). Calls and rooms observe it to end what
 * that tab was part of.
 */
public record SocketClosed(Connection connection) {}
