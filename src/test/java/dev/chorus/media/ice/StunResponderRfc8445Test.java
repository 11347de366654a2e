package dev.chorus.media.ice;

import static dev.chorus.media.ice.StunTestMessages.bindingRequest;
import static dev.chorus.media.ice.StunTestMessages.transactionId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lite agent's responses to connectivity checks (<a
 * href="https://www.rfc-editor.org/rfc/rfc8445#section-7.3">RFC 8445 §7.3</a>), byte for byte,
 * without a peer: requests go straight into the {@link StunResponder}, responses are checked with
 * the JDK.
 */
class StunResponderRfc8445Test {
  private static final String PEER_UFRAG = "peer";
  private static final String PEER_PASSWORD = "peer+password+0123456789";
  private static final InetSocketAddress REMOTE_V4 = address("192.0.2.1", 54321);
  private static final InetSocketAddress REMOTE_V6 = address("2001:db8::1", 5555);

  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
  private final ExecutorService readers = Executors.newCachedThreadPool();
  private IceEndpoint endpoint;
  private IceSession session;
  private StateRecorder states;
  private StunResponder responder;
  private UdpSocket socket;

  @BeforeEach
  void setUp() throws Exception {
    endpoint =
        IceEndpoint.open(
            IceLoopbackUdpTest.loopbackConfig(Duration.ofSeconds(30)), scheduler, readers);
    states = new StateRecorder();
    session = endpoint.createSession(states);
    responder = new StunResponder(u -> u.equals(session.id()) ? session : null);
    // A socket of its own that is never read: the test feeds the responder directly.
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
  void validCheckIsAnsweredWithMappedAddressIntegrityAndFingerprint() {
    for (var remote : List.of(REMOTE_V4, REMOTE_V6)) {
      var id = transactionId();
      var response = check(id, username(), password(), false, remote);

      assertTrue(StunTestMessages.isSuccessFor(response, id));
      assertEquals(remote, StunTestMessages.xorMappedAddress(response));
      assertTrue(StunTestMessages.signedWith(response, password()), "MI with our password");
      assertTrue(
          !StunTestMessages.signedWith(response, PEER_PASSWORD), "not with the peer's password");
    }
    assertEquals(2, responder.answered());
    assertEquals(2, socket.routeCount(), "both sources became valid (peer-reflexive) remotes");
    assertEquals(IceSessionState.NEW, session.state(), "no nomination, nothing selected");
  }

  @Test
  void badChecksGetNoResponseAndNoException() {
    var id = transactionId();
    var good = bindingRequest(id, username(), password(), true);
    var noIntegrity = Arrays.copyOf(good, StunChecks.attributeOffset(good, 0x0008));
    noIntegrity[3] = (byte) (noIntegrity.length - 20);
    var badFingerprint = good.clone();
    badFingerprint[badFingerprint.length - 1] ^= 0x55;
    var garbage = new byte[200];
    new Random(8445).nextBytes(garbage);
    var stunLookingGarbage = garbage.clone();
    stunLookingGarbage[0] = 0;
    stunLookingGarbage[1] = 1;
    stunLookingGarbage[2] = 0;
    stunLookingGarbage[3] = (byte) 180;
    System.arraycopy(good, 4, stunLookingGarbage, 4, 4);
    var response = good.clone();
    response[0] = 0x01; // a Binding success response, properly signed, is not a check
    StunChecks.resign(response, password().getBytes(java.nio.charset.StandardCharsets.UTF_8));

    var rejected =
        List.of(
            bindingRequest(id, username(), "wrong+password+0123456789", true),
            bindingRequest(id, "nobody:" + PEER_UFRAG, password(), true),
            bindingRequest(id, session.id(), password(), true), // no colon
            noIntegrity,
            badFingerprint,
            Arrays.copyOf(good, good.length - 9),
            Arrays.copyOf(good, 19),
            garbage,
            stunLookingGarbage,
            response,
            new byte[0]);
    for (int i = 0; i < rejected.size(); i++) {
      var request = rejected.get(i);
      assertNull(
          responder.respond(request, 0, request.length, new UdpPath(socket, REMOTE_V4)),
          "request " + i);
    }

    assertEquals(rejected.size(), responder.rejected());
    assertEquals(0, responder.answered());
    assertEquals(0, socket.routeCount());
    assertEquals(IceSessionState.NEW, session.state());
  }

  @Test
  void sessionIsLookedUpByUsernameBeforeAnyChecksumWork() {
    var lookups = new java.util.ArrayList<String>();
    var counting =
        new StunResponder(
            u -> {
              lookups.add(u);
              return null;
            });
    var request = bindingRequest(transactionId(), "nobody:" + PEER_UFRAG, password(), true);
    request[request.length - 1] ^= 0x55; // a FINGERPRINT that would fail its CRC

    assertNull(counting.respond(request, 0, request.length, new UdpPath(socket, REMOTE_V4)));
    assertEquals(List.of("nobody"), lookups, "looked up before the CRC could reject it");
    assertEquals(1, counting.rejected());
  }

  @Test
  void checkNamingAnotherPeerUfragIsRejectedOnceTheRemoteCredentialsAreKnown() {
    session.setRemoteCredentials(PEER_UFRAG, PEER_PASSWORD);
    var id = transactionId();
    assertNull(check(id, session.id() + ":other", password(), true, REMOTE_V4));
    assertTrue(
        StunTestMessages.isSuccessFor(check(id, username(), password(), true, REMOTE_V4), id));
  }

  @Test
  void useCandidateSelectsThePairAndConnects() throws Exception {
    session.setRemoteCredentials(PEER_UFRAG, PEER_PASSWORD);
    session.start();
    states.await(IceSessionState.CHECKING, Duration.ofSeconds(1));

    check(transactionId(), username(), password(), false, REMOTE_V4);
    assertEquals(IceSessionState.CHECKING, session.state(), "valid, not nominated");
    check(transactionId(), username(), password(), true, REMOTE_V4);

    states.await(IceSessionState.CONNECTED, Duration.ofSeconds(1));
    var pair = session.selectedPair().orElseThrow();
    assertEquals(IceCandidate.Transport.UDP, pair.transport());
    assertEquals(REMOTE_V4, pair.remote());
    assertEquals(socket.local(), pair.local());
    assertEquals(1, session.consentChecks());
    check(transactionId(), username(), password(), false, REMOTE_V4);
    assertEquals(2, session.consentChecks(), "a later check on the pair is consent");
  }

  /**
   * RFC 5389 §15.4: attributes after MESSAGE-INTEGRITY (other than FINGERPRINT) are not covered by
   * the HMAC and MUST be ignored, so a captured check cannot be turned into a nomination.
   */
  @Test
  void useCandidateAppendedAfterMessageIntegrityDoesNotNominateRfc5389() throws Exception {
    session.setRemoteCredentials(PEER_UFRAG, PEER_PASSWORD);
    session.start();
    states.await(IceSessionState.CHECKING, Duration.ofSeconds(1));
    var captured = bindingRequest(transactionId(), username(), password(), false);
    int fp = StunChecks.attributeOffset(captured, StunChecks.FINGERPRINT);

    var beforeFingerprint = new byte[captured.length + 4];
    System.arraycopy(captured, 0, beforeFingerprint, 0, fp);
    beforeFingerprint[fp] = 0x00;
    beforeFingerprint[fp + 1] = 0x25; // USE-CANDIDATE, no value
    System.arraycopy(captured, fp, beforeFingerprint, fp + 4, 8);
    var afterFingerprint = Arrays.copyOf(captured, captured.length + 4);
    afterFingerprint[captured.length + 1] = 0x25;
    for (var forged : List.of(beforeFingerprint, afterFingerprint)) {
      forged[3] = (byte) (forged.length - 20);
      // FINGERPRINT is a plain CRC: the attacker can fix it up.
      int forgedFp = StunChecks.attributeOffset(forged, StunChecks.FINGERPRINT);
      long crc = StunChecks.expectedFingerprint(forged);
      for (int i = 0; i < 4; i++) {
        forged[forgedFp + 4 + i] = (byte) (crc >> (24 - 8 * i));
      }
      responder.respond(forged, 0, forged.length, new UdpPath(socket, REMOTE_V4));
    }

    assertEquals(IceSessionState.CHECKING, session.state(), "not nominated");
    assertTrue(session.selectedPair().isEmpty());
  }

  @Test
  void nominationBeforeStartConnectsAtStart() throws Exception {
    check(transactionId(), username(), password(), true, REMOTE_V4);
    assertEquals(IceSessionState.NEW, session.state());

    session.setRemoteCredentials(PEER_UFRAG, PEER_PASSWORD);
    session.start();

    states.await(IceSessionState.CONNECTED, Duration.ofSeconds(1));
    assertEquals(REMOTE_V4, session.selectedPair().orElseThrow().remote());
  }

  @Test
  void laterUseCandidateOnAnotherPairSwitchesTheSelectedPair() throws Exception {
    session.setRemoteCredentials(PEER_UFRAG, PEER_PASSWORD);
    session.start();
    check(transactionId(), username(), password(), true, REMOTE_V4);
    states.await(IceSessionState.CONNECTED, Duration.ofSeconds(1));

    var other = address("192.0.2.1", 40000);
    check(transactionId(), username(), password(), false, other);
    assertEquals(REMOTE_V4, session.selectedPair().orElseThrow().remote(), "not nominated yet");
    Thread.sleep(IceSession.MIN_SWITCH_INTERVAL.toMillis() + 100);
    check(transactionId(), username(), password(), true, other);

    assertEquals(other, session.selectedPair().orElseThrow().remote());
    assertEquals(IceSessionState.CONNECTED, session.state());
    assertEquals(2, socket.routeCount(), "the old pair stays valid");
    assertNull(states.states.poll(200, TimeUnit.MILLISECONDS), "no second CONNECTED");
  }

  @Test
  void nominationSoonAfterTheLastSwitchIsAnsweredButNotFollowed() throws Exception {
    session.setRemoteCredentials(PEER_UFRAG, PEER_PASSWORD);
    session.start();
    check(transactionId(), username(), password(), true, REMOTE_V4);
    states.await(IceSessionState.CONNECTED, Duration.ofSeconds(1));

    var other = address("192.0.2.1", 40000);
    var id = transactionId();
    assertTrue(StunTestMessages.isSuccessFor(check(id, username(), password(), true, other), id));
    assertEquals(REMOTE_V4, session.selectedPair().orElseThrow().remote(), "too soon to switch");

    Thread.sleep(IceSession.MIN_SWITCH_INTERVAL.toMillis() + 100);
    check(transactionId(), username(), password(), true, other);
    assertEquals(other, session.selectedPair().orElseThrow().remote(), "the repeated one switches");
    check(transactionId(), username(), password(), true, REMOTE_V4);
    assertEquals(other, session.selectedPair().orElseThrow().remote(), "and not straight back");
  }

  @Test
  void closingForgetsTheRemotesAndStopsAnswering() throws Exception {
    check(transactionId(), username(), password(), false, REMOTE_V4);
    assertEquals(1, socket.routeCount());
    session.close();
    assertEquals(0, socket.routeCount(), "closing forgets the remote");
    assertNull(check(transactionId(), username(), password(), true, REMOTE_V4), "ended: no answer");
    states.await(IceSessionState.CLOSED, Duration.ofSeconds(1));
  }

  private byte[] check(
      byte[] id, String username, String password, boolean nominate, InetSocketAddress remote) {
    var request = bindingRequest(id, username, password, nominate);
    return responder.respond(request, 0, request.length, new UdpPath(socket, remote));
  }

  private String username() {
    return session.id() + ":" + PEER_UFRAG;
  }

  private String password() {
    return session.localCredentials().password();
  }

  private static InetSocketAddress address(String ip, int port) {
    return new InetSocketAddress(IpLiterals.parse(ip).orElseThrow(), port);
  }
}
