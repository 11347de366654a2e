package dev.chorus.media.sfu;

import static dev.chorus.media.sfu.RouterTestSupport.OPUS;
import static dev.chorus.media.sfu.RouterTestSupport.PUBLISHER_EXTENSIONS;
import static dev.chorus.media.sfu.RouterTestSupport.audio;
import static dev.chorus.media.sfu.RouterTestSupport.deliver;
import static dev.chorus.media.sfu.RouterTestSupport.rtp;
import static dev.chorus.media.sfu.RouterTestSupport.transport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.rtp.rtcp.ReceiverReport;
import dev.chorus.media.rtp.rtcp.Remb;
import dev.chorus.media.rtp.rtcp.ReportBlock;
import dev.chorus.media.rtp.rtcp.RtcpPacket;
import dev.chorus.media.rtp.rtcp.SenderReport;
import dev.chorus.media.rtp.rtcp.SourceDescription;
import dev.chorus.media.rtp.rtcp.TransportCcFeedback;
import dev.chorus.media.sfu.RouterTestSupport.EventLog;
import dev.chorus.media.sfu.RouterTestSupport.ManualClock;
import dev.chorus.media.sfu.RouterTestSupport.Sink;
import dev.chorus.media.sfu.stream.NtpClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The RTCP the router generates, read back through the rtcp parsers (the test sinks encode and
 * parse every compound): receiver reports (RFC 3550 §6.4.2, Appendix A.3) and REMB to publishers,
 * sender reports mapped for lip sync (§6.4.1) to subscribers, transport-cc feedback.
 */
class RouterReportsRfc3550Test {
  private static final long AUDIO = 0xA0;

  private final ManualClock clock = new ManualClock();
  private final Router router = RouterTestSupport.router(clock, new EventLog());
  private final Sink publisherSink = new Sink();
  private final RouterTransport pub = transport(router, "pub", publisherSink);
  private final Producer producer = pub.produce(audio(AUDIO));

  @Test
  void receiverReportCarriesLossAndRembTheCeilingUntilLossHurts() {
    int seq = 100;
    for (int i = 0; i <= 50; i++) {
      if (i % 5 != 4) { // lose one packet in five: 20 %
        deliver(pub, rtp(AUDIO, OPUS, seq, 960L * i, new byte[10]));
      }
      seq++;
      clock.advanceMillis(20);
    }
    // The first packet already produced a report (nothing to compare yet); the one after a second
    // covers the interval.
    var rrs = publisherSink.rtcpOf(ReceiverReport.class);
    var rembs = publisherSink.rtcpOf(Remb.class);
    assertEquals(2, rrs.size());
    assertEquals(2, rembs.size());
    assertEquals(3_000_000L, rembs.get(0).bitrate() / 1000 * 1000, "starts at the ceiling");
    ReportBlock block = rrs.get(1).reportBlocks().get(0);
    assertEquals(pub.rtcpSsrc(), rrs.get(1).ssrc());
    assertEquals(AUDIO, block.ssrc());
    assertEquals(150, block.extendedHighestSequence(), "the report goes with seq 150, at 1 s");
    assertEquals(10, block.cumulativeLost(), "100..150: 51 expected, 41 received");
    assertEquals(10 * 256 / 50, block.fractionLost(), "10 of the 50 since the first report");
    assertTrue(rembs.get(1).bitrate() < 2_800_000L, "20 % loss lowers the ceiling");
    assertEquals(List.of(AUDIO), rembs.get(1).ssrcs());
    assertEquals(0, block.lastSenderReport(), "no SR from the publisher yet");
  }

  @Test
  void receiverReportEchoesThePublishersSenderReport() {
    deliver(pub, rtp(AUDIO, OPUS, 1, 0, new byte[10]));
    long ntp = 0xE000_0001_8000_0000L;
    deliver(pub, List.<RtcpPacket>of(new SenderReport(AUDIO, ntp, 48_000, 1, 10, List.of())));
    clock.advanceMillis(1500);
    deliver(pub, rtp(AUDIO, OPUS, 2, 960, new byte[10]));

    var rr = publisherSink.rtcpOf(ReceiverReport.class);
    ReportBlock block = rr.get(rr.size() - 1).reportBlocks().get(0);
    assertEquals((ntp >>> 16) & 0xFFFF_FFFFL, block.lastSenderReport());
    assertEquals(65_536L * 3 / 2, block.delaySinceLastSenderReport(), "1.5 s in 1/65536 s");
  }

  @Test
  void subscriberSenderReportMapsThePublishersClockThroughTheConsumerOffset() {
    var subSink = new Sink();
    var sub = transport(router, "sub", subSink);
    var consumer = sub.consume(producer, ConsumerOptions.defaults());
    deliver(pub, rtp(AUDIO, OPUS, 1, 480_000, new byte[10]));
    long offset = (subSink.rtpPackets().get(0).timestamp() - 480_000) & 0xFFFF_FFFFL;

    long pubNtp = NtpClock.fromUnixNanos(RouterTestSupport.UNIX_START_NANOS + 123_000_000L);
    deliver(
        pub, List.<RtcpPacket>of(new SenderReport(AUDIO, pubNtp, 500_000, 100, 1000, List.of())));
    clock.advanceMillis(250);
    deliver(pub, rtp(AUDIO, OPUS, 2, 480_960, new byte[10])); // first report with this packet

    var srs = subSink.rtcpOf(SenderReport.class);
    assertEquals(1, srs.size());
    SenderReport sr = srs.get(0);
    assertEquals(consumer.ssrc(), sr.ssrc());
    assertEquals(NtpClock.plusNanos(pubNtp, 250_000_000L), sr.ntpTimestamp());
    assertEquals(
        (500_000 + 12_000 + offset) & 0xFFFF_FFFFL, sr.rtpTimestamp(), "+250 ms at 48 kHz");
    assertEquals(2, sr.packetCount());
    assertEquals(20, sr.octetCount());
    var sdes = subSink.rtcpOf(SourceDescription.class);
    assertEquals(SourceDescription.cname(consumer.ssrc(), "publisher-cname"), sdes.get(0));

    // The subscriber's report on it yields the round-trip time: 40 ms after, 10 ms held.
    clock.advanceMillis(40);
    long dlsr = 65_536L / 100;
    deliver(
        sub,
        List.<RtcpPacket>of(
            new ReceiverReport(
                5, List.of(new ReportBlock(consumer.ssrc(), 3, 7, 2, 11, sr.compactNtp(), dlsr)))));
    var stats = consumer.stats();
    assertEquals(3, stats.fractionLost());
    assertEquals(7, stats.packetsLost());
    assertEquals(11, stats.jitter());
    assertTrue(Math.abs(stats.rttMicros() - 30_000) < 100, "rtt " + stats.rttMicros());
  }

  @Test
  void transportCcFeedbackReportsArrivals() {
    int twcc = PUBLISHER_EXTENSIONS.transportCc();
    for (int i = 0; i < 6; i++) {
      if (i == 3) {
        clock.advanceMillis(30);
        continue; // lost
      }
      deliver(
          pub,
          rtp(AUDIO, OPUS, 10 + i, 960L * i, new byte[10])
              .extension(twcc, new byte[] {0, (byte) (40 + i)}));
      clock.advanceMillis(30);
    }
    var feedback = publisherSink.rtcpOf(TransportCcFeedback.class);
    assertEquals(2, feedback.size(), "at the first packet and 100 ms later");
    assertEquals(40, feedback.get(0).baseSequenceNumber());
    assertEquals(1, feedback.get(0).packetStatusCount());
    TransportCcFeedback second = feedback.get(1);
    assertEquals(41, second.baseSequenceNumber());
    var results = second.packets();
    assertEquals(List.of(41, 42, 43, 44), results.stream().map(r -> r.sequenceNumber()).toList());
    assertEquals(
        List.of(true, true, false, true), results.stream().map(r -> r.received()).toList());
    assertEquals(60_000, results.get(3).arrivalTimeMicros() - results.get(1).arrivalTimeMicros());
    assertEquals(1, second.feedbackPacketCount());
  }
}
