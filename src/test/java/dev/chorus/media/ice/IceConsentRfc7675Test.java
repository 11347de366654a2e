package dev.chorus.media.ice;

import static dev.chorus.media.ice.StunTestMessages.bindingRequest;
import static dev.chorus.media.ice.StunTestMessages.transactionId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Consent freshness (<a href="https://www.rfc-editor.org/rfc/rfc7675#section-5.1">RFC 7675
 * §5.1</a>) as a lite agent sees it: consent is the peer's authenticated checks on the selected
 * pair, not any datagram from its address, which anyone can spoof.
 */
class IceConsentRfc7675Test {
  private static final Duration CONSENT_TIMEOUT = Duration.ofSeconds(1);
  private static final String PEER_UFRAG = "peer";
  private static final InetSocketAddress REMOTE =
      new InetSocketAddress(IpLiterals.parse("192.0.2.1").orElseThrow(), 54321);

  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
  private final ExecutorService readers = Executors.newCachedThreadPool();
  private final AtomicInteger delivered = new AtomicInteger();
  private IceEndpoint endpoint;
  private IceSession session;
  private StateRecorder states;
  private StunResponder responder;
  private UdpSocket socket;

  @BeforeEach
  void connect() throws Exception {
    endpoint =
        IceEndpoint.open(IceLoopbackUdpTest.loopbackConfig(CONSENT_TIMEOUT), scheduler, readers);
    states = new StateRecorder();
    session = endpoint.createSession(states);
    session.setDatagramHandler((buf, off, len) -> delivered.incrementAndGet());
    responder = new StunResponder(u -> u.equals(session.id()) ? session : null);
    socket = UdpSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), responder);
    session.setRemoteCredentials(PEER_UFRAG, "peer+password+0123456789");
    session.start();
    check(true);
    states.await(IceSessionState.CONNECTED, Duration.ofSeconds(1));
  }

  @AfterEach
  void tearDown() {
    socket.abandon();
    endpoint.close();
    scheduler.shutdownNow();
    readers.shutdownNow();
  }

  @Test
  void dataFromTheSelectedAddressDoesNotKeepConsent() throws Exception {
    long end = System.nanoTime() + 3 * CONSENT_TIMEOUT.toNanos();
    while (System.nanoTime() < end && !session.state().isTerminal()) {
      session.deliver(new byte[] {(byte) 0x80, 0}, 0, 2);
      Thread.sleep(50);
    }

    states.await(IceSessionState.FAILED, Duration.ofSeconds(1));
    assertTrue(states.lastReason.contains("consent"), states.lastReason);
    assertTrue(delivered.get() > 0, "the data itself was delivered");
  }

  @Test
  void checksOnTheSelectedPairKeepConsent() throws Exception {
    long end = System.nanoTime() + 3 * CONSENT_TIMEOUT.toNanos();
    while (System.nanoTime() < end) {
      check(false);
      Thread.sleep(200);
    }

    assertEquals(IceSessionState.CONNECTED, session.state());
  }

  private void check(boolean nominate) {
    var request =
        bindingRequest(
            transactionId(),
            session.id() + ":" + PEER_UFRAG,
            session.localCredentials().password(),
            nominate);
    responder.respond(request, 0, request.length, new UdpPath(socket, REMOTE));
  }
}
