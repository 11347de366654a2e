package dev.chorus.media.sfu;

import dev.chorus.media.rtp.rtcp.ReportBlock;
import dev.chorus.media.rtp.rtcp.RtcpPacket;
import dev.chorus.media.rtp.rtcp.SenderReport;
import dev.chorus.media.rtp.rtcp.SourceDescription;
import dev.chorus.media.sfu.stream.NtpClock;
import java.util.List;

/**
 * A consumer's side of RTCP reporting: it sends sender reports (<a
 * href="https://www.rfc-editor.org/rfc/rfc3550#section-6.4.1">RFC 3550 §6.4.1</a>) and reads the
 * subscriber's receiver reports.
 *
 * <p>Lip sync: a subscriber lines up audio and video by mapping each stream's RTP timestamps to NTP
 * time through its sender reports. The SFU forwards timestamps shifted by the consumer's offset, so
 * its report maps the publisher's last sender report of the layer being forwarded: the NTP time and
 * RTP timestamp are extrapolated from that report to now (by the time elapsed, in the codec's
 * clock), and the RTP timestamp is shifted by the consumer's offset. Audio and video of one
 * publisher thus keep the publisher's own relation. No report goes out before the publisher sent
 * one. Counts are the consumer's own (packets and payload octets sent).
 *
 * <p>Round-trip time: when a receiver report echoes the last report's NTP (LSR), RTT = now − time
 * sent − DLSR.
 *
 * <p>{@link #maybeSend} runs on the producer's packet thread, {@link #onReceiverReport} on the
 * subscriber's; what they share is volatile.
 */
final class SenderReportWriter {
  private record Sent(long compactNtp, long sentNanos) {}

  private final Consumer consumer;
  private final long intervalNanos;
  private boolean sentAny;
  private long lastSentNanos;
  private long packetCount;
  private long octetCount;
  private volatile Sent lastSent;
  private volatile int fractionLost;
  private volatile long packetsLost;
  private volatile long jitter;
  private volatile long rttMicros = -1;

  SenderReportWriter(Consumer consumer, long intervalNanos) {
    this.consumer = consumer;
    this.intervalNanos = intervalNanos;
  }

  void sent(int payloadLength) {
    packetCount++;
    octetCount += payloadLength;
  }

  /** Sends a report if the interval has passed and the publisher has reported. */
  void maybeSend(ProducerStream source, long now) {
    if (sentAny && now - lastSentNanos < intervalNanos) {
      return;
    }
    ProducerStream.SenderClock clock = source.senderClock();
    if (clock == null) {
      return;
    }
    sentAny = true;
    lastSentNanos = now;
    SenderReport sr =
        build(
            consumer.ssrc(),
            clock,
            consumer.producer().clockRate(),
            consumer.rewriter().timestampOffset(),
            now,
            packetCount,
            octetCount);
    lastSent = new Sent(sr.compactNtp(), now);
    String cname = consumer.producer().options().cname();
    List<RtcpPacket> compound =
        cname == null ? List.of(sr) : List.of(sr, SourceDescription.cname(consumer.ssrc(), cname));
    consumer.transport().sendRtcp(compound);
  }

  /** The report for {@code ssrc} at {@code now}, from the publisher's clock mapping. */
  static SenderReport build(
      long ssrc,
      ProducerStream.SenderClock clock,
      int clockRate,
      long timestampOffset,
      long now,
      long packets,
      long octets) {
    long elapsed = now - clock.arrivalNanos();
    long ntp = NtpClock.plusNanos(clock.ntp(), elapsed);
    long ticks = Math.floorDiv(elapsed, 1000) * clockRate / 1_000_000L;
    long rtp = (clock.rtpTimestamp() + ticks + timestampOffset) & 0xFFFF_FFFFL;
    return new SenderReport(
        ssrc, ntp, rtp, packets & 0xFFFF_FFFFL, octets & 0xFFFF_FFFFL, List.of());
  }

  void onReceiverReport(ReportBlock block, long now) {
    fractionLost = block.fractionLost();
    packetsLost = block.cumulativeLost();
    jitter = block.jitter();
    Sent sent = lastSent;
    if (sent != null
        && block.lastSenderReport() != 0
        && block.lastSenderReport() == sent.compactNtp) {
      long rtt =
          now - sent.sentNanos - NtpClock.fromRtcpShortUnits(block.delaySinceLastSenderReport());
      if (rtt >= 0) {
        rttMicros = rtt / 1000;
      }
    }
  }

  int fractionLost() {
    return fractionLost;
  }

  long packetsLost() {
    return packetsLost;
  }

  long jitter() {
    return jitter;
  }

  long rttMicros() {
    return rttMicros;
  }
}
