package dev.chorus.media.sfu.transport;

import static dev.chorus.media.sfu.transport.SfuTestSupport.CONNECT;
import static dev.chorus.media.sfu.transport.SfuTestSupport.ECHO;
import static dev.chorus.media.sfu.transport.SfuTestSupport.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.dtls.SrtpProtectionProfiles;
import dev.chorus.media.ice.IceCandidate;
import dev.chorus.media.ice.IceSessionState;
import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.rtp.rtcp.FullIntraRequest;
import dev.chorus.media.rtp.rtcp.GenericNack;
import dev.chorus.media.rtp.rtcp.Goodbye;
import dev.chorus.media.rtp.rtcp.PictureLossIndication;
import dev.chorus.media.rtp.rtcp.ReceiverReport;
import dev.chorus.media.rtp.rtcp.ReportBlock;
import dev.chorus.media.rtp.rtcp.RtcpPacket;
import dev.chorus.media.rtp.rtcp.SenderReport;
import dev.chorus.media.rtp.rtcp.SourceDescription;
import dev.chorus.media.sfu.echo.EchoForwarder;
import dev.chorus.media.srtp.SrtpProfile;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A whole WebRTC transport over real UDP on 127.0.0.1 in one JVM: a fake browser (controlling ice4j
 * agent, BouncyCastle DTLS client, SRTP with the client's keys) connects to a server {@link
 * WebRtcTransport} running an {@link EchoForwarder}; what it sends encrypted comes back encrypted
 * with the server's keys, under the echo SSRCs, byte for byte otherwise.
 */
class WebRtcTransportLoopbackTest {
  static final long AUDIO = 0x1111_1111L;
  static final long VIDEO = 0x2222_2222L;
  static final long VIDEO_RTX = 0x3333_3333L;

  private final SecureRandom random = new SecureRandom();
  private ScheduledExecutorService scheduler;
  private ExecutorService workers;
  private ExecutorService readers;
  private MediaEngine engine;
  private FakeBrowser browser;

  @BeforeEach
  void start() throws Exception {
    scheduler = Executors.newScheduledThreadPool(2);
    workers = Executors.newCachedThreadPool();
    readers = Executors.newCachedThreadPool();
    engine = MediaEngine.start(SfuTestSupport.loopback(Duration.ofSeconds(30)), scheduler, workers);
    browser = new FakeBrowser(random);
  }

  @AfterEach
  void stop() {
    browser.close();
    engine.close();
    scheduler.shutdownNow();
    workers.shutdownNow();
    readers.shutdownNow();
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void echoesRtpIntactUnderTheAnnouncedSsrcs(SrtpProfile profile) throws Exception {
    var states = new StateLog();
    var transport = engine.createTransport(states);
    var echo = new EchoForwarder();
    long[] echoes = echo.addStreams(AUDIO, VIDEO);
    transport.setMediaListener(echo);

    browser.connect(transport, readers, new int[] {profile.id()}, CONNECT);
    states.await(TransportState.CONNECTED, CONNECT);
    assertEquals(profile, browser.srtpProfile());

    var payloads = new Random(3711);
    long bytesIn = 0;
    long bytesOut = 0;
    int count = 200;
    for (int i = 0; i < count; i++) {
      boolean audio = i % 3 == 0;
      long ssrc = audio ? AUDIO : VIDEO;
      int pt = audio ? 111 : 96;
      byte[] payload = new byte[audio ? 20 + payloads.nextInt(140) : 200 + payloads.nextInt(1000)];
      payloads.nextBytes(payload);
      bytesIn += browser.sendRtp(ssrc, pt, 1000 + i, 90_000L * i, payload).length;

      byte[] back = browser.receiveRtp(ECHO).orElseThrow(() -> new AssertionError("no echo"));
      bytesOut += back.length + profile.rtpOverhead();
      var packet = RtpPacket.parse(back, 0, back.length).orElseThrow();
      assertEquals(audio ? echoes[0] : echoes[1], packet.ssrc());
      assertEquals(pt, packet.payloadType());
      assertEquals(1000 + i, packet.sequenceNumber());
      assertEquals(90_000L * i, packet.timestamp());
      assertArrayEquals(
          payload,
          Arrays.copyOfRange(
              back, packet.payloadOffset(), packet.payloadOffset() + payload.length));
      assertEquals(payload.length, packet.payloadLength());
    }

    // The last echo may reach the browser a moment before the server has counted it.
    eventually("last echo counted", ECHO, () -> echo.counters().rtpEchoed() == count);
    var counters = transport.stats().counters();
    assertEquals(count, counters.rtpPacketsIn());
    assertEquals(count, counters.rtpPacketsOut());
    assertEquals(bytesIn, counters.rtpBytesIn());
    assertEquals(bytesOut, counters.rtpBytesOut());
    assertEquals(0, counters.srtpFailures());
    assertEquals(0, counters.malformed());
    assertEquals(0, counters.sendErrors());
    assertEquals(0, counters.listenerErrors());
    assertTrue(counters.dtlsPacketsIn() >= 3, "ClientHello, client flight: " + counters);
    assertEquals(count, echo.counters().rtpEchoed());

    var snapshot = transport.snapshot();
    assertEquals(TransportState.CONNECTED, snapshot.state());
    assertEquals(IceSessionState.CONNECTED, snapshot.iceState());
    assertEquals(SrtpProtectionProfiles.name(profile.id()), snapshot.srtpProfile().orElseThrow());
    var pair = snapshot.selectedPair().orElseThrow();
    assertEquals(IceCandidate.Transport.UDP, pair.transport());
    assertEquals(engine.udpPort(), pair.local().getPort());
    assertEquals("127.0.0.1", pair.remote().getAddress().getHostAddress());
    assertNotEquals(engine.udpPort(), pair.remote().getPort());
  }

  @Test
  void localParametersDescribeTheServerSide() throws Exception {
    var transport = engine.createTransport(new StateLog());
    var local = transport.localParameters();

    assertEquals(transport.id(), local.iceUfrag());
    assertTrue(local.icePassword().length() >= 22);
    assertEquals(engine.fingerprint(), local.fingerprint());
    assertEquals("sha-256", local.fingerprint().hashFunction());
    assertEquals(1, local.candidates().size());
    assertEquals(engine.udpPort(), local.candidates().get(0).port());
    assertEquals("passive", LocalParameters.DTLS_SETUP);
    assertEquals(TransportState.NEW, transport.state());
    assertFalse(transport.sendRtp(new byte[12], 0, 12), "nothing goes out before CONNECTED");
  }

  @Test
  void rtcpFeedbackIsTurnedBackToTheBrowserAsProducer() throws Exception {
    var states = new StateLog();
    var transport = engine.createTransport(states);
    var echo = new EchoForwarder();
    long[] echoes = echo.addStreams(AUDIO, VIDEO, VIDEO_RTX);
    long echoVideo = echoes[1];
    long server = echo.rtcpSenderSsrc();
    transport.setMediaListener(echo);
    browser.connect(transport, readers, SrtpProtectionProfiles.supported(), CONNECT);
    states.await(TransportState.CONNECTED, CONNECT);

    // The browser's video receiver asks for a key frame of the echoed video.
    browser.sendRtcp(List.of(new PictureLossIndication(1, echoVideo)));
    assertEquals(List.of(new PictureLossIndication(server, VIDEO)), nextRtcp());

    // Its receiver report on the echo becomes loss feedback on its own stream; LSR/DLSR cleared.
    var block = new ReportBlock(echoVideo, 12, 34, 0x1_0400L, 56, 0xABCD_0000L, 0x0001_0000L);
    browser.sendRtcp(List.of(new ReceiverReport(1, List.of(block))));
    assertEquals(
        List.of(
            new ReceiverReport(
                server, List.of(new ReportBlock(VIDEO, 12, 34, 0x1_0400L, 56, 0, 0)))),
        nextRtcp());

    // Its sender report on its video comes back as the echo's, for lip sync; SDES terminated.
    var sr = new SenderReport(VIDEO, 0xE000_0000_8000_0000L, 123_456, 10, 10_000, List.of());
    browser.sendRtcp(List.of(sr, SourceDescription.cname(VIDEO, "browser")));
    assertEquals(
        List.of(new SenderReport(echoVideo, sr.ntpTimestamp(), 123_456, 10, 10_000, List.of())),
        nextRtcp());

    browser.sendRtcp(List.of(GenericNack.fromLost(1, echoVideo, new int[] {1001, 1003})));
    var nack = (GenericNack) nextRtcp().get(0);
    assertEquals(server, nack.senderSsrc());
    assertEquals(VIDEO, nack.mediaSsrc());
    assertArrayEquals(new int[] {1001, 1003}, nack.lostSequenceNumbers());

    Thread.sleep(250); // past the keyframe request throttle of the PLI above
    browser.sendRtcp(
        List.of(
            new FullIntraRequest(
                1,
                0,
                List.of(
                    new FullIntraRequest.Entry(echoVideo, 7),
                    new FullIntraRequest.Entry(0x7777_7777L, 8)))));
    assertEquals(
        List.of(new FullIntraRequest(server, 0, List.of(new FullIntraRequest.Entry(VIDEO, 7)))),
        nextRtcp());

    // Nothing comes back for a BYE; it is counted as terminated.
    browser.sendRtcp(List.of(Goodbye.of(AUDIO)));
    eventually("BYE terminated", ECHO, () -> echo.counters().rtcpTerminated() == 2);
    assertTrue(browser.receiveRtcp(Duration.ofMillis(300)).isEmpty());

    var counters = transport.stats().counters();
    assertEquals(6, counters.rtcpPacketsIn());
    assertEquals(5, counters.rtcpPacketsOut());
    assertEquals(0, counters.malformed());
    var echoCounters = echo.counters();
    assertEquals(5, echoCounters.rtcpTranslated());
    assertEquals(2, echoCounters.rtcpTerminated()); // SDES and BYE
  }

  @Test
  void aRetiredSsrcsSrtpContextsAreDroppedAfterTheDelayAndOthersKept() throws Exception {
    var states = new StateLog();
    var transport = engine.createTransport(states);
    var sink = transport.rtpSink();
    assertFalse(sink.isReady(), "not before CONNECTED");
    browser.connect(transport, readers, SrtpProtectionProfiles.supported(), CONNECT);
    states.await(TransportState.CONNECTED, CONNECT);
    assertTrue(sink.isReady());

    long retired = 0x5555_5555L;
    long kept = 0x6666_6666L;
    for (long ssrc : new long[] {retired, kept}) {
      byte[] rtp = new byte[12 + 100 + RtpSink.TRAILER_ROOM];
      rtp[0] = (byte) 0x80;
      rtp[1] = 96;
      rtp[8] = (byte) (ssrc >>> 24);
      rtp[9] = (byte) (ssrc >>> 16);
      rtp[10] = (byte) (ssrc >>> 8);
      rtp[11] = (byte) ssrc;
      assertTrue(sink.sendRtp(rtp, 0, 112));
      assertTrue(transport.sendRtcp(List.of(new SenderReport(ssrc, 0, 0, 1, 100, List.of()))));
    }
    var received = new HashSet<Long>();
    for (int i = 0; i < 2; i++) {
      byte[] back = browser.receiveRtp(ECHO).orElseThrow(() -> new AssertionError("not received"));
      received.add(RtpPacket.parse(back, 0, back.length).orElseThrow().ssrc());
    }
    assertEquals(Set.of(retired, kept), received, "both decrypt in the browser");
    var srtp = transport.srtp();
    assertEquals(2, srtp.outboundRtpSsrcCount());
    assertEquals(2, srtp.outboundRtcpSsrcCount());

    sink.retire(retired);
    assertEquals(2, srtp.outboundRtpSsrcCount(), "a send already under way may still need it");
    eventually(
        "contexts of the retired SSRC dropped",
        WebRtcTransport.SSRC_RETIRE_DELAY.plus(ECHO),
        () -> srtp.outboundRtpSsrcCount() == 1 && srtp.outboundRtcpSsrcCount() == 1);
  }

  @Test
  void rtpOfUnannouncedSsrcsIsDroppedAndCounted() throws Exception {
    var states = new StateLog();
    var transport = engine.createTransport(states);
    var echo = new EchoForwarder();
    long audioEcho = echo.addStream(AUDIO);
    transport.setMediaListener(echo);
    browser.connect(transport, readers, SrtpProtectionProfiles.supported(), CONNECT);
    states.await(TransportState.CONNECTED, CONNECT);

    browser.sendRtp(0x4444_4444L, 96, 1, 0, new byte[100]);
    browser.sendRtp(AUDIO, 111, 1, 0, new byte[50]);

    var back = browser.receiveRtp(ECHO).orElseThrow();
    assertEquals(audioEcho, RtpPacket.parse(back, 0, back.length).orElseThrow().ssrc());
    eventually("echo counted", ECHO, () -> echo.counters().rtpEchoed() == 1);
    assertEquals(1, echo.counters().rtpUnknownSsrc());
    assertEquals(2, transport.stats().counters().rtpPacketsIn());
    assertEquals(1, transport.stats().counters().rtpPacketsOut());
  }

  @Test
  void runsOnThreadsFromAThreadFactory() throws Exception {
    var made = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.ThreadFactory factory =
        task -> {
          made.incrementAndGet();
          return Executors.defaultThreadFactory().newThread(task);
        };
    var own =
        MediaEngine.startWithThreads(
            SfuTestSupport.loopback(Duration.ofSeconds(30)), scheduler, factory);
    try {
      var states = new StateLog();
      var transport = own.createTransport(states);
      var echo = new EchoForwarder();
      echo.addStream(AUDIO);
      transport.setMediaListener(echo);
      browser.connect(transport, readers, SrtpProtectionProfiles.supported(), CONNECT);
      states.await(TransportState.CONNECTED, CONNECT);
      browser.sendRtp(AUDIO, 111, 7, 0, new byte[30]);
      assertTrue(browser.receiveRtp(ECHO).isPresent());
      // A fixed set made at start: 1 UDP reader, 2 packet threads, 4 handshake threads.
      assertEquals(7, made.get());
      assertEquals(7, own.threadCount());
      transport.close();
      assertTrue(transport.awaitTermination(ECHO));
    } finally {
      own.close();
    }
    assertEquals(0, own.threadCount(), "close ends every thread of the engine");
    assertEquals(7, made.get());
  }

  private List<RtcpPacket> nextRtcp() throws InterruptedException {
    return browser.receiveRtcp(ECHO).orElseThrow(() -> new AssertionError("no RTCP back"));
  }
}
