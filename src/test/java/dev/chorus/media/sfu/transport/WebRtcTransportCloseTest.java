package dev.chorus.media.sfu.transport;

import static dev.chorus.media.sfu.transport.SfuTestSupport.CONNECT;
import static dev.chorus.media.sfu.transport.SfuTestSupport.ECHO;
import static dev.chorus.media.sfu.transport.SfuTestSupport.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.dtls.SrtpProtectionProfiles;
import dev.chorus.media.ice.IceSessionState;
import dev.chorus.media.rtp.rtcp.PictureLossIndication;
import dev.chorus.media.sfu.echo.EchoForwarder;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The close cascade of {@link WebRtcTransport} and {@link MediaEngine}: whoever ends a transport
 * (the application, the browser's close_notify, ICE consent expiry), its ICE session and handshake
 * are gone afterwards and no task of it holds a worker thread, the listener hears each state once,
 * and closing the engine gives the port back.
 */
class WebRtcTransportCloseTest {
  private static final long AUDIO = 0x1111_1111L;

  private final SecureRandom random = new SecureRandom();
  private ScheduledExecutorService scheduler;
  private ThreadPoolExecutor workers;
  private ThreadPoolExecutor readers;
  private MediaEngine engine;
  private FakeBrowser browser;

  @BeforeEach
  void start() throws Exception {
    scheduler = Executors.newScheduledThreadPool(2);
    workers = (ThreadPoolExecutor) Executors.newCachedThreadPool();
    readers = (ThreadPoolExecutor) Executors.newCachedThreadPool();
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

  @Test
  void closeFreesIceStopsThePacketThreadSaysGoodbyeAndIsIdempotent() throws Exception {
    var states = new StateLog();
    var transport = connectedEcho(states);
    assertEquals(1, engine.iceSessionCount());
    assertEquals(List.of(transport), engine.transports());
    assertEquals(0, engine.handshakesRunning());
    eventually("only the engine's UDP reader busy", ECHO, () -> workers.getActiveCount() == 1);

    transport.close();

    assertEquals(TransportState.CLOSED, transport.state());
    assertTrue(transport.awaitTermination(ECHO), "packet thread ended");
    assertEquals(0, engine.iceSessionCount());
    assertEquals(List.of(), engine.transports());
    assertEquals(IceSessionState.CLOSED, transport.snapshot().iceState());
    eventually("only the engine's UDP reader busy", ECHO, () -> workers.getActiveCount() == 1);
    eventually("close_notify reached the browser", ECHO, () -> browser.dtlsAlertsReceived() == 1);
    assertFalse(transport.sendRtp(new byte[20], 0, 20));
    assertFalse(transport.sendRtcp(List.of(new PictureLossIndication(1, 2))));

    transport.close();
    states.await(TransportState.CLOSED, ECHO);
    Thread.sleep(200);
    assertEquals(
        List.of(TransportState.CONNECTING, TransportState.CONNECTED, TransportState.CLOSED),
        states.states());
  }

  @Test
  void browsersCloseNotifyClosesTheTransport() throws Exception {
    var states = new StateLog();
    var transport = connectedEcho(states);

    browser.closeDtls();

    String reason = states.await(TransportState.CLOSED, ECHO);
    assertTrue(reason.contains("close_notify"), reason);
    assertTrue(transport.awaitTermination(ECHO));
    eventually("ICE session freed", ECHO, () -> engine.iceSessionCount() == 0);
    assertEquals(List.of(), engine.transports());
  }

  @Test
  void closingDuringTheHandshakeFreesItsThread() throws Exception {
    var states = new StateLog();
    var transport = engine.createTransport(states);
    browser.connectIce(transport, CONNECT);
    eventually(
        "ICE connected",
        CONNECT,
        () -> transport.snapshot().iceState() == IceSessionState.CONNECTED);
    // A DTLS record that is no ClientHello: the handshake takes its thread and waits for a Hello.
    browser.sendRaw(new Garbage(5764).dtlsRecord(22, 0));
    eventually("handshake running", ECHO, () -> engine.handshakesRunning() == 1);
    eventually("reader and handshake", ECHO, () -> workers.getActiveCount() == 2);

    transport.close();

    states.await(TransportState.CLOSED, ECHO);
    assertTrue(transport.awaitTermination(ECHO), "handshake returned");
    assertEquals(0, engine.handshakesRunning());
    eventually("handshake thread released", ECHO, () -> workers.getActiveCount() == 1);
    assertEquals(0, engine.iceSessionCount());
    assertEquals(List.of(TransportState.CONNECTING, TransportState.CLOSED), states.states());
  }

  @Test
  void silentBrowserFailsTheTransportAndFreesEverything() throws Exception {
    engine.close();
    engine = MediaEngine.start(SfuTestSupport.loopback(Duration.ofSeconds(2)), scheduler, workers);
    var states = new StateLog();
    var transport = connectedEcho(states);

    browser.close(); // gone without a word: only ICE consent notices

    String reason = states.await(TransportState.FAILED, Duration.ofSeconds(10));
    assertTrue(reason.startsWith("ICE"), reason);
    assertTrue(transport.awaitTermination(ECHO));
    assertEquals(0, engine.iceSessionCount());
    assertEquals(List.of(), engine.transports());
    assertFalse(transport.sendRtp(new byte[20], 0, 20));

    transport.close();
    states.await(TransportState.CLOSED, ECHO);
    assertEquals(
        List.of(
            TransportState.CONNECTING,
            TransportState.CONNECTED,
            TransportState.FAILED,
            TransportState.CLOSED),
        states.states());
  }

  @Test
  void wrongBrowserCertificateFailsTheHandshake() throws Exception {
    var states = new StateLog();
    var transport = engine.createTransport(states);
    var impostor = new FakeBrowser(random);
    try {
      impostor.announceFingerprintOf(TestDtlsIdentity.generate(random));
      assertThrows(
          Exception.class,
          () -> impostor.connect(transport, readers, SrtpProtectionProfiles.supported(), CONNECT));
      String reason = states.await(TransportState.FAILED, CONNECT);
      assertTrue(reason.contains("FINGERPRINT_MISMATCH"), reason);
      assertTrue(transport.awaitTermination(ECHO));
      assertEquals(0, engine.iceSessionCount());
    } finally {
      impostor.close();
    }
  }

  @Test
  void closingTheEngineClosesTransportsAndReleasesThePort() throws Exception {
    var states = new StateLog();
    var transport = connectedEcho(states);
    int port = engine.udpPort();

    engine.close();

    assertEquals(TransportState.CLOSED, transport.state());
    states.await(TransportState.CLOSED, ECHO);
    assertTrue(transport.awaitTermination(ECHO));
    assertThrows(IllegalStateException.class, () -> engine.createTransport(new StateLog()));
    assertTrue(canBind(port), "UDP port " + port + " free once close() returned");
    eventually("the reader task ended", ECHO, () -> workers.getActiveCount() == 0);
    engine.close(); // idempotent
  }

  private static boolean canBind(int port) {
    try (var socket =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
      return socket.getLocalPort() == port;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private WebRtcTransport connectedEcho(StateLog states) throws Exception {
    var transport = engine.createTransport(states);
    var echo = new EchoForwarder();
    echo.addStream(AUDIO);
    transport.setMediaListener(echo);
    browser.connect(transport, readers, SrtpProtectionProfiles.supported(), CONNECT);
    states.await(TransportState.CONNECTED, CONNECT);
    browser.sendRtp(AUDIO, 111, 1, 0, new byte[40]);
    assertTrue(browser.receiveRtp(ECHO).isPresent(), "echo before closing");
    return transport;
  }
}
