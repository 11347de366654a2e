package dev.chorus.media.ice;

/**
 * Receives the state changes of one {@link IceSession}, in order, on a thread of the executor given
 * as the scheduler to {@link IceEndpoint#open} (never on a socket reader, so it may call {@link
 * IceSession#close()}).
 */
@FunctionalInterface
public interface IceSessionListener {
  /**
   * Called once per transition.
   *
   * @param session the session
   * @param state its new state
   * @param reason a short human-readable cause, for logs
   */
  void onStateChange(IceSession session, IceSessionState state, String reason);
}
