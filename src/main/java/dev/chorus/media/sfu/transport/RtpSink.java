package dev.chorus.media.sfu.transport;

/**
 * Where a consumer's RTP goes: the subscriber's transport, or a test's recorder. The router hands
 * over a scratch buffer it will not read again, so the sink may encrypt in place (a {@link
 * WebRtcTransport} does, see {@link WebRtcTransport#sendRtpInPlace}).
 */
@FunctionalInterface
public interface RtpSink {
  /**
   * Bytes the router leaves free after every packet it hands over: enough for any SRTP
   * authentication tag (RFC 3711 §3.1, RFC 7714 §8).
   */
  int TRAILER_ROOM = 64;

  /**
   * Sends one RTP packet. Called from packet threads, possibly several at once; must not block.
   *
   * @param buf scratch: the packet is at {@code off}, {@code len} long, with at least {@link
   *     #TRAILER_ROOM} writable bytes after it; its contents are the sink's once called
   * @return true if it went out (for counters)
   */
  boolean sendRtp(byte[] buf, int off, int len);

  /**
   * Whether packets can go out now (a WebRtcTransport: once CONNECTED). A video consumer waits for
   * this before it takes a key frame to start from, so the key frame is not spent on a transport
   * that would drop it.
   */
  default boolean isReady() {
    return true;
  }

  /**
   * The router sends nothing more under {@code ssrc} (its consumer closed): the sink may drop what
   * it keeps for it, such as an SRTP context (a WebRtcTransport does, after a delay).
   */
  default void retire(long ssrc) {}
}
