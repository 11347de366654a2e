package dev.chorus.media.sfu.echo;

import dev.chorus.media.rtp.rtcp.FullIntraRequest;
import dev.chorus.media.rtp.rtcp.GenericNack;
import dev.chorus.media.rtp.rtcp.PictureLossIndication;
import dev.chorus.media.rtp.rtcp.ReceiverReport;
import dev.chorus.media.rtp.rtcp.ReportBlock;
import dev.chorus.media.rtp.rtcp.RtcpHeader;
import dev.chorus.media.rtp.rtcp.RtcpPacket;
import dev.chorus.media.rtp.rtcp.SenderReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns the RTCP a browser sends on an echo transport into the RTCP it should get back, acting as
 * an RTP translator that renames SSRCs (<a
 * href="https://www.rfc-editor.org/rfc/rfc3550#section-7.1">RFC 3550 §7.1</a>). The browser is both
 * the producer (its outgoing streams, SSRC "source") and the consumer (the echoed streams, SSRC
 * "echo"), so:
 *
 * <ul>
 *   <li>PLI (<a href="https://www.rfc-editor.org/rfc/rfc4585#section-6.3.1">RFC 4585 §6.3.1</a>)
 *       and FIR (<a href="https://www.rfc-editor.org/rfc/rfc5104#section-4.3.1">RFC 5104
 *       §4.3.1</a>) about an echo go back about its source, so the browser's encoder sends a key
 *       frame at once; at most one per stream per {@link #KEYFRAME_REQUEST_INTERVAL_NANOS}, as
 *       Jitsi Videobridge throttles them;
 *   <li>generic NACK (<a href="https://www.rfc-editor.org/rfc/rfc4585#section-6.2.1">RFC 4585
 *       §6.2.1</a>) about an echo goes back about its source: the browser retransmits (on RTX if
 *       negotiated) and the retransmission is echoed like any packet, since sequence numbers are
 *       kept;
 *   <li>report blocks (in RR or SR) about an echo go back in an RR about its source, so the
 *       browser's sender sees the loss and jitter of the whole loop; LSR and DLSR are zeroed
 *       because they would time the loop twice (the browser's own SR comes back to it);
 *   <li>an SR about a source goes back as an SR about its echo, without report blocks, so the
 *       browser can synchronise the echoed audio and video (RTP timestamps are kept);
 *   <li>everything else is terminated: SDES, BYE, APP, REMB, transport-cc, unknown types, and any
 *       packet about an SSRC not in the table.
 * </ul>
 *
 * Feedback goes out with the forwarder's own sender SSRC. Stateless apart from the throttle, which
 * lives in the {@link SsrcTable}.
 */
final class EchoRtcpTranslator {
  /** Minimum spacing of keyframe requests per stream: 200 ms. */
  static final long KEYFRAME_REQUEST_INTERVAL_NANOS = 200_000_000L;

  private final long senderSsrc;
  final LongAdder translated = new LongAdder();
  final LongAdder terminated = new LongAdder();
  final LongAdder throttled = new LongAdder();

  EchoRtcpTranslator(long senderSsrc) {
    this.senderSsrc = senderSsrc;
  }

  long senderSsrc() {
    return senderSsrc;
  }

  /**
   * The compound to send back for one received compound; empty if nothing goes back.
   *
   * @param now {@link System#nanoTime()}, for throttling
   */
  List<RtcpPacket> translate(List<RtcpPacket> in, SsrcTable table, long now) {
    List<RtcpPacket> reports = new ArrayList<>(2);
    List<RtcpPacket> feedback = new ArrayList<>(2);
    List<ReportBlock> blocks = new ArrayList<>(2);
    for (RtcpPacket packet : in) {
      boolean used;
      if (packet instanceof SenderReport sr) {
        used = senderReport(sr, table, reports, blocks);
      } else if (packet instanceof ReceiverReport rr) {
        used = reportBlocks(rr.reportBlocks(), table, blocks);
      } else if (packet instanceof PictureLossIndication pli) {
        used = pli(pli, table, now, feedback);
      } else if (packet instanceof FullIntraRequest fir) {
        used = fir(fir, table, now, feedback);
      } else if (packet instanceof GenericNack nack) {
        used = nack(nack, table, feedback);
      } else {
        used = false;
      }
      (used ? translated : terminated).increment();
    }
    if (!blocks.isEmpty()) {
      int count = Math.min(blocks.size(), RtcpHeader.MAX_COUNT);
      reports.add(new ReceiverReport(senderSsrc, blocks.subList(0, count)));
    }
    reports.addAll(feedback);
    return reports;
  }

  private static boolean senderReport(
      SenderReport sr, SsrcTable table, List<RtcpPacket> reports, List<ReportBlock> blocks) {
    boolean used = reportBlocks(sr.reportBlocks(), table, blocks);
    int index = table.indexOfSource(sr.ssrc());
    if (index >= 0) {
      reports.add(
          new SenderReport(
              table.echo(index),
              sr.ntpTimestamp(),
              sr.rtpTimestamp(),
              sr.packetCount(),
              sr.octetCount(),
              List.of()));
      used = true;
    }
    return used;
  }

  private static boolean reportBlocks(
      List<ReportBlock> in, SsrcTable table, List<ReportBlock> out) {
    boolean used = false;
    for (ReportBlock block : in) {
      int index = table.indexOfEcho(block.ssrc());
      if (index >= 0) {
        out.add(
            new ReportBlock(
                table.source(index),
                block.fractionLost(),
                block.cumulativeLost(),
                block.extendedHighestSequence(),
                block.jitter(),
                0,
                0));
        used = true;
      }
    }
    return used;
  }

  private boolean pli(
      PictureLossIndication pli, SsrcTable table, long now, List<RtcpPacket> feedback) {
    int index = table.indexOfEcho(pli.mediaSsrc());
    if (index < 0) {
      return false;
    }
    if (!table.admitKeyframeRequest(index, now, KEYFRAME_REQUEST_INTERVAL_NANOS)) {
      throttled.increment();
      return true;
    }
    feedback.add(new PictureLossIndication(senderSsrc, table.source(index)));
    return true;
  }

  private boolean fir(FullIntraRequest fir, SsrcTable table, long now, List<RtcpPacket> feedback) {
    List<FullIntraRequest.Entry> entries = new ArrayList<>(fir.entries().size());
    boolean known = false;
    for (var entry : fir.entries()) {
      int index = table.indexOfEcho(entry.ssrc());
      if (index < 0) {
        continue;
      }
      known = true;
      if (table.admitKeyframeRequest(index, now, KEYFRAME_REQUEST_INTERVAL_NANOS)) {
        entries.add(new FullIntraRequest.Entry(table.source(index), entry.sequenceNumber()));
      } else {
        throttled.increment();
      }
    }
    if (!entries.isEmpty()) {
      feedback.add(new FullIntraRequest(senderSsrc, 0, entries));
    }
    return known;
  }

  private boolean nack(GenericNack nack, SsrcTable table, List<RtcpPacket> feedback) {
    int index = table.indexOfEcho(nack.mediaSsrc());
    if (index < 0) {
      return false;
    }
    feedback.add(new GenericNack(senderSsrc, table.source(index), nack.pairs()));
    return true;
  }
}
