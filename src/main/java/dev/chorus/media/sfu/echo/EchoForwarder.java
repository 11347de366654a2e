package dev.chorus.media.sfu.echo;

import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.rtp.rtcp.RtcpPacket;
import dev.chorus.media.sfu.transport.MediaListener;
import dev.chorus.media.sfu.transport.WebRtcTransport;
import java.security.SecureRandom;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;

/**
 * The connection test's media path: whatever RTP a browser sends on a transport goes straight back
 * to it on the same transport, under a server-chosen SSRC per stream.
 *
 * <p>Why rename: libwebrtc and Firefox keep one SSRC space per BUNDLE transport for both
 * directions, so a receiver announced with the browser's own sending SSRC would collide with its
 * sender (RTCP about the two becomes indistinguishable). A fresh SSRC per stream, announced in the
 * SDP answer's {@code a=ssrc} lines, avoids that at the cost of a 4-byte write per packet. Payload
 * types, sequence numbers, timestamps, header extensions (the MID extension included) and payload
 * are echoed unchanged, so the answer must accept the offer's payload types and extension ids as
 * they are. RTX streams are renamed like any other; announce them in an {@code a=ssrc-group:FID}.
 *
 * <p>Register every SSRC the offer announces with {@link #addStream} (before {@link
 * WebRtcTransport#setRemote}): packets of unregistered SSRCs are dropped and counted. RTCP is
 * handled as {@link EchoRtcpTranslator} documents: keyframe requests, NACKs and reception reports
 * about the echoes are turned back to the browser as about its own streams; the rest is terminated.
 *
 * <p>One forwarder per transport, set with {@link WebRtcTransport#setMediaListener}. The RTP path
 * allocates nothing and takes no lock.
 */
public final class EchoForwarder implements MediaListener {
  /**
   * What the forwarder did.
   *
   * @param rtpEchoed RTP packets sent back
   * @param rtpUnknownSsrc RTP packets dropped because their SSRC was not registered
   * @param rtpNotSent RTP packets the transport did not send (see its counters for why)
   * @param rtcpTranslated RTCP packets that produced RTCP back to the browser
   * @param rtcpTerminated RTCP packets consumed here (SDES, BYE, REMB, unknown SSRCs, ...)
   * @param keyframeRequestsThrottled PLI/FIR dropped for coming too soon after the previous one
   */
  public record Counters(
      long rtpEchoed,
      long rtpUnknownSsrc,
      long rtpNotSent,
      long rtcpTranslated,
      long rtcpTerminated,
      long keyframeRequestsThrottled) {}

  private final Random random;
  private final EchoRtcpTranslator rtcp;
  private final LongAdder echoed = new LongAdder();
  private final LongAdder unknown = new LongAdder();
  private final LongAdder notSent = new LongAdder();
  private volatile SsrcTable table = SsrcTable.EMPTY;

  /** A forwarder with a random sender SSRC for its RTCP feedback. */
  public EchoForwarder() {
    this(new SecureRandom());
  }

  EchoForwarder(Random random) {
    this.random = random;
    this.rtcp = new EchoRtcpTranslator(nonZeroSsrc(random));
  }

  /**
   * Registers a stream the browser sends and picks a fresh SSRC for its echo.
   *
   * @return the echo SSRC, to announce in the SDP answer
   * @throws IllegalArgumentException if {@code browserSsrc} is not an unsigned 32-bit value or is
   *     already in use
   */
  public synchronized long addStream(long browserSsrc) {
    return addStreams(browserSsrc)[0];
  }

  /**
   * Registers all streams of an offer at once, so that no echo SSRC picked for one can equal a
   * browser SSRC registered later.
   *
   * @return the echo SSRCs, in the order of the arguments
   * @throws IllegalArgumentException if an SSRC is out of range, repeated or already in use; then
   *     nothing is registered
   */
  public synchronized long[] addStreams(long... browserSsrcs) {
    var next = table;
    for (long ssrc : browserSsrcs) {
      checkSsrc(ssrc);
      if (next.uses(ssrc) || ssrc == rtcp.senderSsrc()) {
        throw new IllegalArgumentException("SSRC already in use: " + ssrc);
      }
      next = next.with(ssrc, ssrc);
    }
    var withEchoes = table;
    long[] echoes = new long[browserSsrcs.length];
    for (int i = 0; i < browserSsrcs.length; i++) {
      long echo;
      do {
        echo = nonZeroSsrc(random);
      } while (echo == rtcp.senderSsrc() || next.uses(echo));
      echoes[i] = echo;
      next = next.with(echo, echo); // reserves it against the following picks
      withEchoes = withEchoes.with(browserSsrcs[i], echo);
    }
    table = withEchoes;
    return echoes;
  }

  /**
   * Registers a stream with a chosen echo SSRC (equal to {@code browserSsrc} to echo without
   * renaming, for peers known to cope).
   *
   * @throws IllegalArgumentException if an SSRC is out of range or already in use
   */
  public synchronized void addStream(long browserSsrc, long echoSsrc) {
    checkSsrc(browserSsrc);
    checkSsrc(echoSsrc);
    if (table.uses(browserSsrc)
        || table.uses(echoSsrc)
        || browserSsrc == rtcp.senderSsrc()
        || echoSsrc == rtcp.senderSsrc()) {
      throw new IllegalArgumentException("SSRC already in use: " + browserSsrc + " -> " + echoSsrc);
    }
    table = table.with(browserSsrc, echoSsrc);
  }

  /** The echo SSRC of a registered browser SSRC. */
  public OptionalLong echoSsrcOf(long browserSsrc) {
    var current = table;
    int index = current.indexOfSource(browserSsrc);
    return index < 0 ? OptionalLong.empty() : OptionalLong.of(current.echo(index));
  }

  /** The sender SSRC of the RTCP feedback this forwarder sends; announce nothing for it. */
  public long rtcpSenderSsrc() {
    return rtcp.senderSsrc();
  }

  public Counters counters() {
    return new Counters(
        echoed.sum(),
        unknown.sum(),
        notSent.sum(),
        rtcp.translated.sum(),
        rtcp.terminated.sum(),
        rtcp.throttled.sum());
  }

  @Override
  public void onRtp(WebRtcTransport from, RtpPacket packet) {
    var current = table;
    int index = current.indexOfSource(packet.ssrc());
    if (index < 0) {
      unknown.increment();
      return;
    }
    packet.setSsrc(current.echo(index));
    if (from.sendRtp(packet.buffer(), packet.offset(), packet.length())) {
      echoed.increment();
    } else {
      notSent.increment();
    }
  }

  @Override
  public void onRtcp(WebRtcTransport from, List<RtcpPacket> packets) {
    List<RtcpPacket> back = rtcp.translate(packets, table, System.nanoTime());
    if (!back.isEmpty()) {
      from.sendRtcp(back);
    }
  }

  /** Exposed for tests of the RTCP policy without a transport. */
  List<RtcpPacket> translateRtcp(List<RtcpPacket> packets, long now) {
    return rtcp.translate(packets, table, now);
  }

  private static long nonZeroSsrc(Random random) {
    long ssrc;
    do {
      ssrc = random.nextInt() & 0xFFFF_FFFFL;
    } while (ssrc == 0);
    return ssrc;
  }

  private static void checkSsrc(long ssrc) {
    if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("not a 32-bit SSRC: " + ssrc);
    }
  }
}
