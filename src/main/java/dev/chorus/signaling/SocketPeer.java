package dev.chorus.signaling;

/**
 * What a {@link Connection} needs of its WebSocket: asynchronous sends (for its {@link
 * OutboundQueue}), an id and a close. The container's session sits behind it ({@link SessionPeer}),
 * so the connection's rules can be tested without a container.
 */
interface SocketPeer extends OutboundQueue.Transport {
  String id();

  /** Sends a close frame; may wait for the network, so only ever called on a pool thread. */
  void close(int code, String reason);
}
