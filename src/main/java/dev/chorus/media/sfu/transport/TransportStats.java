package dev.chorus.media.sfu.transport;

import java.util.concurrent.atomic.LongAdder;

/**
 * Packet counters of one {@link WebRtcTransport}. Written on the packet paths without locks ({@link
 * LongAdder}: cheap when one thread writes, safe when several send), read at any time from any
 * thread, e.g. by the admin API. Bytes are counted as on the wire (encrypted, tag included).
 */
public final class TransportStats {
  final LongAdder rtpPacketsIn = new LongAdder();
  final LongAdder rtpBytesIn = new LongAdder();
  final LongAdder rtcpPacketsIn = new LongAdder();
  final LongAdder rtcpBytesIn = new LongAdder();
  final LongAdder rtpPacketsOut = new LongAdder();
  final LongAdder rtpBytesOut = new LongAdder();
  final LongAdder rtcpPacketsOut = new LongAdder();
  final LongAdder rtcpBytesOut = new LongAdder();
  final LongAdder dtlsPacketsIn = new LongAdder();
  final LongAdder srtpFailures = new LongAdder();
  final LongAdder malformed = new LongAdder();
  final LongAdder dropped = new LongAdder();
  final LongAdder sendErrors = new LongAdder();
  final LongAdder listenerErrors = new LongAdder();

  /**
   * A consistent-enough copy of the counters (each read is atomic, the set is not).
   *
   * @param rtpPacketsIn SRTP packets that authenticated and were handed to the media listener
   * @param rtpBytesIn their bytes on the wire
   * @param rtcpPacketsIn SRTCP packets that authenticated
   * @param rtcpBytesIn their bytes on the wire
   * @param rtpPacketsOut SRTP packets sent
   * @param rtpBytesOut their bytes on the wire
   * @param rtcpPacketsOut SRTCP packets sent
   * @param rtcpBytesOut their bytes on the wire
   * @param dtlsPacketsIn DTLS datagrams received (handshake, alerts, retransmissions)
   * @param srtpFailures datagrams that failed SRTP/SRTCP processing: bad tag, replay, too old, or
   *     refused by the SRTP layer (including encryption failures on send)
   * @param malformed datagrams that are neither DTLS nor RTP/RTCP (RFC 7983), SRTP/SRTCP too short
   *     or with a bad header, RTP whose header does not parse after decryption, RTCP packets
   *     skipped or cut off inside a compound, and a DTLS record that made BouncyCastle give up
   *     after the handshake
   * @param dropped valid datagrams not processed: media before the keys were ready or after close,
   *     DTLS datagrams the handshake queue refused, sends while not connected or too large, DTLS
   *     alerts held back after the handshake
   * @param sendErrors datagrams ICE could not send (not connected yet or any more, no room in the
   *     socket buffer, socket error)
   * @param listenerErrors exceptions thrown by the media listener (packet dropped, loop goes on)
   */
  public record Counters(
      long rtpPacketsIn,
      long rtpBytesIn,
      long rtcpPacketsIn,
      long rtcpBytesIn,
      long rtpPacketsOut,
      long rtpBytesOut,
      long rtcpPacketsOut,
      long rtcpBytesOut,
      long dtlsPacketsIn,
      long srtpFailures,
      long malformed,
      long dropped,
      long sendErrors,
      long listenerErrors) {

    /** No packets yet. */
    public static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Both sets added, counter by counter (engine-wide totals). */
    public Counters plus(Counters o) {
      return new Counters(
          rtpPacketsIn + o.rtpPacketsIn,
          rtpBytesIn + o.rtpBytesIn,
          rtcpPacketsIn + o.rtcpPacketsIn,
          rtcpBytesIn + o.rtcpBytesIn,
          rtpPacketsOut + o.rtpPacketsOut,
          rtpBytesOut + o.rtpBytesOut,
          rtcpPacketsOut + o.rtcpPacketsOut,
          rtcpBytesOut + o.rtcpBytesOut,
          dtlsPacketsIn + o.dtlsPacketsIn,
          srtpFailures + o.srtpFailures,
          malformed + o.malformed,
          dropped + o.dropped,
          sendErrors + o.sendErrors,
          listenerErrors + o.listenerErrors);
    }
  }

  TransportStats() {}

  /** Reads every counter once. */
  public Counters counters() {
    return new Counters(
        rtpPacketsIn.sum(),
        rtpBytesIn.sum(),
        rtcpPacketsIn.sum(),
        rtcpBytesIn.sum(),
        rtpPacketsOut.sum(),
        rtpBytesOut.sum(),
        rtcpPacketsOut.sum(),
        rtcpBytesOut.sum(),
        dtlsPacketsIn.sum(),
        srtpFailures.sum(),
        malformed.sum(),
        dropped.sum(),
        sendErrors.sum(),
        listenerErrors.sum());
  }
}
