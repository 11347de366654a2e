package dev.chorus.media.sfu.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chorus.media.rtp.rtcp.FullIntraRequest;
import dev.chorus.media.rtp.rtcp.GenericNack;
import dev.chorus.media.rtp.rtcp.Goodbye;
import dev.chorus.media.rtp.rtcp.PictureLossIndication;
import dev.chorus.media.rtp.rtcp.ReceiverReport;
import dev.chorus.media.rtp.rtcp.Remb;
import dev.chorus.media.rtp.rtcp.ReportBlock;
import dev.chorus.media.rtp.rtcp.RtcpPacket;
import dev.chorus.media.rtp.rtcp.SenderReport;
import dev.chorus.media.rtp.rtcp.SourceDescription;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The echo's RTCP policy (RFC 3550 §7.1 translator, RFC 4585 feedback, RFC 5104 FIR) without a
 * network: what the browser sends about the echoed streams comes back about its own streams.
 */
class EchoRtcpTranslatorTest {
  private static final long AUDIO = 0xA0A0_A0A0L;
  private static final long VIDEO = 0xB0B0_B0B0L;
  private static final long ECHO_AUDIO = 0x0A0A_0A0AL;
  private static final long ECHO_VIDEO = 0x0B0B_0B0BL;
  private static final long MS = 1_000_000L;

  private EchoForwarder echo;
  private long server;

  @BeforeEach
  void streams() {
    echo = new EchoForwarder(new Random(1));
    echo.addStream(AUDIO, ECHO_AUDIO);
    echo.addStream(VIDEO, ECHO_VIDEO);
    server = echo.rtcpSenderSsrc();
  }

  @Test
  void pliAboutAnEchoBecomesPliAboutItsSourceAtMostEvery200Ms() {
    var pli = List.<RtcpPacket>of(new PictureLossIndication(1, ECHO_VIDEO));
    var back = List.<RtcpPacket>of(new PictureLossIndication(server, VIDEO));

    assertEquals(back, echo.translateRtcp(pli, 1_000 * MS));
    assertEquals(List.of(), echo.translateRtcp(pli, 1_150 * MS));
    assertEquals(back, echo.translateRtcp(pli, 1_200 * MS));
    // Streams are throttled separately.
    assertEquals(
        List.of(new PictureLossIndication(server, AUDIO)),
        echo.translateRtcp(List.of(new PictureLossIndication(1, ECHO_AUDIO)), 1_201 * MS));
    assertEquals(1, echo.counters().keyframeRequestsThrottled());
    assertEquals(4, echo.counters().rtcpTranslated());
  }

  @Test
  void firKeepsTheRequestSequenceNumberAndDropsUnknownEntries() {
    var fir =
        new FullIntraRequest(
            1,
            0,
            List.of(
                new FullIntraRequest.Entry(0x1234L, 9), new FullIntraRequest.Entry(ECHO_VIDEO, 3)));

    assertEquals(
        List.of(new FullIntraRequest(server, 0, List.of(new FullIntraRequest.Entry(VIDEO, 3)))),
        echo.translateRtcp(List.of(fir), 0));
    // A FIR shares the throttle with PLI.
    assertEquals(
        List.of(), echo.translateRtcp(List.of(new PictureLossIndication(1, ECHO_VIDEO)), 10 * MS));
  }

  @Test
  void nackIsRedirectedToTheSourceWithTheSameLostPackets() {
    var nack = GenericNack.fromLost(1, ECHO_VIDEO, new int[] {10, 11, 30, 65535});

    var back = echo.translateRtcp(List.of(nack), 0);

    assertEquals(List.of(new GenericNack(server, VIDEO, nack.pairs())), back);
  }

  @Test
  void reportBlocksAboutEchoesComeBackAsOneReceiverReportWithoutRoundTripFields() {
    var fromSr = new ReportBlock(ECHO_AUDIO, 1, 2, 3, 4, 5, 6);
    var fromRr = new ReportBlock(ECHO_VIDEO, 7, -8, 9, 10, 11, 12);
    var unknown = new ReportBlock(0x5555L, 0, 0, 0, 0, 0, 0);
    var sr = new SenderReport(AUDIO, 0x1122_3344_5566_7788L, 1000, 5, 500, List.of(fromSr));
    var rr = new ReceiverReport(1, List.of(fromRr, unknown));

    var back = echo.translateRtcp(List.of(sr, rr, SourceDescription.cname(AUDIO, "x")), 0);

    assertEquals(
        List.of(
            new SenderReport(ECHO_AUDIO, sr.ntpTimestamp(), 1000, 5, 500, List.of()),
            new ReceiverReport(
                server,
                List.of(
                    new ReportBlock(AUDIO, 1, 2, 3, 4, 0, 0),
                    new ReportBlock(VIDEO, 7, -8, 9, 10, 0, 0)))),
        back);
    assertEquals(2, echo.counters().rtcpTranslated());
    assertEquals(1, echo.counters().rtcpTerminated());
  }

  @Test
  void everythingElseIsTerminated() {
    var in =
        List.<RtcpPacket>of(
            SourceDescription.cname(VIDEO, "browser"),
            Goodbye.of(VIDEO),
            new Remb(1, 1_000_000, List.of(ECHO_VIDEO)),
            new PictureLossIndication(1, VIDEO), // about the browser's own stream, not an echo
            new SenderReport(0x9999L, 0, 0, 0, 0, List.of()),
            new ReceiverReport(1, List.of()));

    assertEquals(List.of(), echo.translateRtcp(in, 0));
    assertEquals(6, echo.counters().rtcpTerminated());
    assertEquals(0, echo.counters().rtcpTranslated());
  }
}
