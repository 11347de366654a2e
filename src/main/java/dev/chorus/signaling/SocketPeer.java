package dev.chorus.signaling;

/**
 * What a {@link Connection} needs of its WebSocket: asynchronous sends (for its {@link
 * OutboundQueue}), an id and a close. The container's session sits behind it ({@link SessionPeer}),
 * so the connection's rules can be tested without a container.
 */
interface SocketPeer extends OutboundQueue.Transport {
  String id();

  /** The client's address as the server saw it at the handshake, or null if unknown. */
  default String address() {
    return null;
  }

  /** The browser's User-Agent header at the handshake, or null. */
  default String userAgent() {
    return null;
  }

  /** Sends a close frame; may wait for the network, so only ever called on a pool thread. */
  void close(int code, String reason);
}
