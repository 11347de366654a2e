package dev.chorus.media.sfu.transport;

/**
 * Receives the state changes of one {@link WebRtcTransport}: each state at most once, in order, one
 * call at a time, on a thread of the engine's scheduler (never on the packet thread, so it may call
 * {@link WebRtcTransport#close()}).
 */
@FunctionalInterface
public interface TransportStateListener {
  /**
   * Called once per transition.
   *
   * @param transport the transport
   * @param state its new state
   * @param reason a short human-readable cause, for logs
   */
  void onStateChange(WebRtcTransport transport, TransportState state, String reason);
}
