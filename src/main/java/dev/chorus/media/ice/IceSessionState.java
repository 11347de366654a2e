package dev.chorus.media.ice;

/**
 * Life cycle of an {@link IceSession}, a simplification of RFC 8445's ICE processing states for the
 * lite agent the server runs per transport.
 */
public enum IceSessionState {
  /** Created, local candidates known; connectivity checks not started yet. */
  NEW,
  /** {@link IceSession#start()} was called; waiting for the peer to nominate a pair. */
  CHECKING,
  /** A pair is selected; application data can be sent and received. */
  CONNECTED,
  /**
   * Nothing connected within the consent timeout, consent expired (RFC 7675 section 5.1), or the
   * selected ICE-TCP connection closed (after a one-second grace). The session's addresses and
   * connections are already released; {@link IceSession#close()} still reports {@link #CLOSED}.
   */
  FAILED,
  /** {@link IceSession#close()} was called. Final. */
  CLOSED;

  /** Whether no further connectivity is possible. */
  public boolean isTerminal() {
    return this == FAILED || this == CLOSED;
  }
}
