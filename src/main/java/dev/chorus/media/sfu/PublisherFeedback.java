package dev.chorus.media.sfu;

import dev.chorus.media.rtp.BigEndian;
import dev.chorus.media.rtp.HeaderExtensionCursor;
import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.rtp.rtcp.ReceiverReport;
import dev.chorus.media.rtp.rtcp.Remb;
import dev.chorus.media.rtp.rtcp.ReportBlock;
import dev.chorus.media.rtp.rtcp.RtcpHeader;
import dev.chorus.media.rtp.rtcp.RtcpPacket;
import dev.chorus.media.rtp.rtcp.TransportCcFeedback;
import dev.chorus.media.sfu.bwe.TransportCcRecorder;
import dev.chorus.media.sfu.bwe.UplinkEstimate;
import java.util.ArrayList;
import java.util.List;

/**
 * The RTCP the router sends a publisher's transport so that the browser can adapt: receiver reports
 * (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.4.2">RFC 3550 §6.4.2</a>) with loss,
 * jitter and LSR/DLSR for every stream it receives, REMB (<a
 * href="https://datatracker.ietf.org/doc/html/draft-alvestrand-rmcat-remb-03">
 * draft-alvestrand-rmcat-remb-03</a>) with the {@link UplinkEstimate}, both every report interval,
 * and, if the publisher negotiated the transport-cc header extension, transport-wide feedback
 * ({@link TransportCcRecorder}) every transport-cc interval.
 *
 * <p>Driven by the publisher's own packets, on its transport's packet thread: reports go out with
 * the first packet after each interval, so a publisher that sends nothing gets nothing (there is
 * nothing to report on), and no timer or lock is needed.
 */
final class PublisherFeedback {
  private final RouterTransport transport;
  private final long reportIntervalNanos;
  private final long transportCcIntervalNanos;
  private final UplinkEstimate estimate;
  private final TransportCcRecorder transportCc = new TransportCcRecorder();
  private boolean reportedAny;
  private long lastReport;
  private boolean feedbackAny;
  private long lastFeedback;
  private long firstMediaSsrc;
  private volatile long lastRemb = -1;

  PublisherFeedback(RouterTransport transport, RouterOptions options) {
    this.transport = transport;
    this.reportIntervalNanos = options.reportInterval().toNanos();
    this.transportCcIntervalNanos = options.transportCcInterval().toNanos();
    this.estimate = new UplinkEstimate(options.minIncomingBitrate(), options.maxIncomingBitrate());
  }

  /** The last REMB value sent, -1 before the first. */
  long lastRemb() {
    return lastRemb;
  }

  /** Notes a packet's transport-wide sequence number, if it carries one. */
  void onPacket(RtpPacket p, int transportCcId, long now) {
    if (transportCcId == 0 || !p.hasExtension()) {
      return;
    }
    if (firstMediaSsrc == 0) {
      firstMediaSsrc = p.ssrc();
    }
    HeaderExtensionCursor c = p.extensions();
    if (c.find(transportCcId) && c.dataLength() == 2) {
      transportCc.record(BigEndian.u16(p.buffer(), c.dataOffset()), now);
    }
  }

  /** Sends whatever is due. */
  void maybeSend(long now, Producer[] producers) {
    if (!transportCc.isEmpty()
        && (!feedbackAny || now - lastFeedback >= transportCcIntervalNanos)) {
      feedbackAny = true;
      lastFeedback = now;
      for (TransportCcFeedback fb : transportCc.build(transport.rtcpSsrc(), firstMediaSsrc)) {
        transport.sendRtcp(List.of(fb));
      }
    }
    if (reportedAny && now - lastReport < reportIntervalNanos) {
      return;
    }
    List<RtcpPacket> compound = reports(now, producers);
    if (!compound.isEmpty()) {
      reportedAny = true;
      lastReport = now;
      transport.sendRtcp(compound);
    }
  }

  /** Receiver reports and a REMB about every stream received so far; empty if none. */
  List<RtcpPacket> reports(long now, Producer[] producers) {
    List<ReportBlock> blocks = new ArrayList<>();
    List<Long> ssrcs = new ArrayList<>();
    int worstLoss = 0;
    for (Producer producer : producers) {
      for (ProducerStream s : producer.streams()) {
        ReportBlock block = s.reportBlock(now);
        if (block != null) {
          blocks.add(block);
          ssrcs.add(block.ssrc());
          worstLoss = Math.max(worstLoss, block.fractionLost());
        }
      }
    }
    List<RtcpPacket> out = new ArrayList<>();
    if (blocks.isEmpty()) {
      return out;
    }
    for (int i = 0; i < blocks.size(); i += RtcpHeader.MAX_COUNT) {
      var part = blocks.subList(i, Math.min(blocks.size(), i + RtcpHeader.MAX_COUNT));
      out.add(new ReceiverReport(transport.rtcpSsrc(), part));
    }
    long bitrate = estimate.onLoss(worstLoss);
    lastRemb = bitrate;
    out.add(new Remb(transport.rtcpSsrc(), bitrate, ssrcs.subList(0, Math.min(255, ssrcs.size()))));
    return out;
  }
}
