package dev.chorus.media.ice;

/**
 * Receives an {@link IceSession}'s application datagrams (DTLS, SRTP, SRTCP) as they arrive, when
 * its endpoint uses ice4j's push API (see {@link IceEndpoint#open(IceConfig,
 * java.util.concurrent.ScheduledExecutorService, boolean)}): no thread of ours waits in {@link
 * IceSession#receive}.
 */
@FunctionalInterface
public interface DatagramHandler {
  /**
   * One datagram from a validated remote address of the session.
   *
   * <p>Called on ice4j's socket reader thread, shared by every session on the port: it must not
   * block, and the bytes are valid only during the call (copy what is kept).
   */
  void onDatagram(byte[] buf, int off, int len);
}
