package dev.chorus.media.ice;

/**
 * Receives an {@link IceSession}'s application datagrams (DTLS, SRTP, SRTCP) as they arrive, from
 * the endpoint's reader task: no thread waits per session.
 */
@FunctionalInterface
public interface DatagramHandler {
  /**
   * One datagram from a validated remote address (or ICE-TCP connection) of the session.
   *
   * <p>Called on the endpoint's reader thread, shared by every session on the socket: it must not
   * block, and the bytes are valid only during the call (copy what is kept).
   */
  void onDatagram(byte[] buf, int off, int len);
}
