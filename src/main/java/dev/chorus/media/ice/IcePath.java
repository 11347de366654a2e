package dev.chorus.media.ice;

import java.net.InetSocketAddress;

/**
 * One way to reach a peer that a valid connectivity check has proven (the "valid pair" of <a
 * href="https://www.rfc-editor.org/rfc/rfc8445#section-7.2.5.3.2">RFC 8445 §7.2.5.3.2</a>, seen
 * from the lite side): a remote address on one of our UDP sockets, or one ICE-TCP connection.
 */
sealed interface IcePath permits UdpPath, TcpConnection {
  IceCandidate.Transport transport();

  /** Our side: the bound local address (not the advertised one). */
  InetSocketAddress local();

  /** The peer's address as seen by this server (peer-reflexive if it never signalled it). */
  InetSocketAddress remote();

  /**
   * Sends one datagram without blocking.
   *
   * @return false if it was dropped: kernel buffer full or the socket closed
   */
  boolean send(byte[] buf, int off, int len);

  /**
   * Routes what arrives on this path to {@code session} from now on.
   *
   * @return false if the path belongs to another session: a remote address on a UDP socket or an
   *     ICE-TCP connection is never shared or taken over
   */
  boolean bind(IceSession session);

  /** Stops routing to {@code session}; an ICE-TCP connection is closed. */
  void release(IceSession session);
}
