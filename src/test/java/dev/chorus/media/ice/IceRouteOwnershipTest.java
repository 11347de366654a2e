package dev.chorus.media.ice;

import static dev.chorus.media.ice.StunTestMessages.bindingRequest;
import static dev.chorus.media.ice.StunTestMessages.transactionId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which session a remote address on the shared UDP port belongs to: a valid check for another
 * session from an address a live session holds does not take it over, and the number of addresses
 * one session holds is bounded.
 */
class IceRouteOwnershipTest {
  private static final String PEER_UFRAG = "peer";
  private static final String PEER_PASSWORD = "peer+password+0123456789";
  private static final InetSocketAddress ADDRESS_A = address(54321);

  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
  private final ExecutorService readers = Executors.newCachedThreadPool();
  private final Map<String, IceSession> sessions = new ConcurrentHashMap<>();
  private IceEndpoint endpoint;
  private StunResponder responder;
  private UdpSocket socket;

  @BeforeEach
  void setUp() throws Exception {
    endpoint =
        IceEndpoint.open(
            IceLoopbackUdpTest.loopbackConfig(Duration.ofSeconds(30)), scheduler, readers);
    responder = new StunResponder(sessions::get);
    // Never read: the test feeds the responder directly.
    socket = UdpSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), responder);
  }

  @AfterEach
  void tearDown() {
    socket.abandon();
    endpoint.close();
    scheduler.shutdownNow();
    readers.shutdownNow();
  }

  @Test
  void validCheckForAnotherSessionFromAHeldAddressDoesNotTakeItsRoute() throws Exception {
    var statesA = new StateRecorder();
    var a = started(statesA);
    var b = started(new StateRecorder());
    assertTrue(
        StunTestMessages.isSuccessFor(check(a, true, ADDRESS_A, transactionId()), lastId),
        "A's own check");
    statesA.await(IceSessionState.CONNECTED, Duration.ofSeconds(1));

    var idB = transactionId();
    assertNull(check(b, true, ADDRESS_A, idB), "no answer for B from A's address");

    assertSame(a, socket.routeOf(ADDRESS_A), "A keeps its route");
    assertEquals(ADDRESS_A, a.selectedPair().orElseThrow().remote());
    assertEquals(IceSessionState.CHECKING, b.state(), "B got nothing from there");
    assertTrue(b.selectedPair().isEmpty());
    assertTrue(
        StunTestMessages.isSuccessFor(check(a, false, ADDRESS_A, transactionId()), lastId),
        "A is still answered there");
  }

  @Test
  void addressFreedByAnEndedSessionCanBeTakenByAnother() throws Exception {
    var a = started(new StateRecorder());
    var b = started(new StateRecorder());
    check(a, false, ADDRESS_A, transactionId());
    a.close();

    assertTrue(StunTestMessages.isSuccessFor(check(b, false, ADDRESS_A, transactionId()), lastId));
    assertSame(b, socket.routeOf(ADDRESS_A));
  }

  @Test
  void aSessionHoldsAtMostMaxPathsAddressesAndKeepsTheSelectedOne() throws Exception {
    var states = new StateRecorder();
    var a = started(states);
    check(a, true, ADDRESS_A, transactionId());
    states.await(IceSessionState.CONNECTED, Duration.ofSeconds(1));

    for (int i = 1; i <= 3 * IceSession.MAX_PATHS; i++) {
      check(a, false, address(40000 + i), transactionId());
    }

    assertEquals(IceSession.MAX_PATHS, socket.routeCount());
    assertSame(a, socket.routeOf(ADDRESS_A), "the selected path stays");
    assertSame(a, socket.routeOf(address(40000 + 3 * IceSession.MAX_PATHS)), "the newest too");
    assertNull(socket.routeOf(address(40001)), "the oldest unselected was forgotten");
    assertEquals(ADDRESS_A, a.selectedPair().orElseThrow().remote());
  }

  private byte[] lastId;

  private byte[] check(
      IceSession session, boolean nominate, InetSocketAddress from, byte[] transactionId) {
    lastId = transactionId;
    var request =
        bindingRequest(
            transactionId,
            session.id() + ":" + PEER_UFRAG,
            session.localCredentials().password(),
            nominate);
    return responder.respond(request, 0, request.length, new UdpPath(socket, from));
  }

  private IceSession started(StateRecorder states) throws InterruptedException {
    var session = endpoint.createSession(states);
    sessions.put(session.id(), session);
    session.setRemoteCredentials(PEER_UFRAG, PEER_PASSWORD);
    session.start();
    states.await(IceSessionState.CHECKING, Duration.ofSeconds(1));
    return session;
  }

  private static InetSocketAddress address(int port) {
    return new InetSocketAddress(IpLiterals.parse("192.0.2.1").orElseThrow(), port);
  }
}
