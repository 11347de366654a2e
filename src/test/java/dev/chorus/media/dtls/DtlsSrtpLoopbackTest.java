package dev.chorus.media.dtls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.dtls.DtlsHandshakeException.Reason;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Full DTLS-SRTP handshakes (RFC 5764 §4, RFC 5763 §5) between {@link DtlsServer} and a
 * browser-like BouncyCastle client over real UDP sockets on 127.0.0.1.
 */
class DtlsSrtpLoopbackTest {

  static final Duration TIMEOUT = Duration.ofSeconds(5);
  static final int CLIENT_TIMEOUT_MILLIS = 5_000;
  static final long WAIT_SECONDS = 15;
  static final int GCM = SrtpProtectionProfiles.AEAD_AES_128_GCM;
  static final int AES_CM = SrtpProtectionProfiles.AES128_CM_HMAC_SHA1_80;
  static final int AES_CM_32 = 0x0002; // SRTP_AES128_CM_HMAC_SHA1_32: offered by browsers, unused

  static final SecureRandom RANDOM = new SecureRandom();
  static DtlsCertificate serverCertificate;
  static DtlsCertificate clientCertificate;
  static DtlsCertificate strangerCertificate;

  ExecutorService executor;
  UdpLoopback loopback;
  DtlsServer server;

  @BeforeAll
  static void generateCertificates() {
    serverCertificate = DtlsCertificate.generate(RANDOM);
    clientCertificate = DtlsCertificate.generate(RANDOM);
    strangerCertificate = DtlsCertificate.generate(RANDOM);
  }

  @BeforeEach
  void setUp() throws Exception {
    executor = Executors.newFixedThreadPool(8);
    loopback = new UdpLoopback(executor);
    server = new DtlsServer(serverCertificate, RANDOM);
  }

  @AfterEach
  void tearDown() throws Exception {
    loopback.close();
    executor.shutdownNow();
    assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS), "handshake threads still running");
  }

  Future<DtlsHandshakeResult> startServer(DtlsFingerprint expectedClient) {
    var transport = loopback.serverTransport; // bound now: some tests swap loopbacks
    return executor.submit(() -> server.accept(transport, List.of(expectedClient), TIMEOUT));
  }

  Future<BrowserLikeDtlsClient.Result> startClient(
      int[] profiles, DtlsCertificate expectedServer, int sendLimit, int padding) {
    var client =
        new BrowserLikeDtlsClient(
            new BcTlsCrypto(RANDOM),
            clientCertificate,
            BrowserLikeDtlsClient.sha256(expectedServer.derEncoded()),
            profiles,
            padding,
            CLIENT_TIMEOUT_MILLIS);
    var sockets = loopback;
    return executor.submit(() -> client.connect(sockets.clientTransport(sendLimit)));
  }

  static Throwable failureOf(Future<?> future) {
    var e =
        assertThrows(ExecutionException.class, () -> future.get(WAIT_SECONDS, TimeUnit.SECONDS));
    return e.getCause();
  }

  @Test
  void negotiatesGcmWhenOfferedEvenIfClientListsAesCmFirst() throws Exception {
    var serverSide = startServer(clientCertificate.fingerprint());
    var clientSide = startClient(new int[] {AES_CM, GCM}, serverCertificate, 1200, 0);

    DtlsHandshakeResult result = serverSide.get(WAIT_SECONDS, TimeUnit.SECONDS);
    BrowserLikeDtlsClient.Result client = clientSide.get(WAIT_SECONDS, TimeUnit.SECONDS);

    assertEquals(GCM, result.srtp().profile());
    assertEquals(GCM, client.profile());
    assertEquals(56, result.srtp().keyingMaterial().length);
    assertArrayEquals(client.keyingMaterial(), result.srtp().keyingMaterial());
    assertEquals(clientCertificate.fingerprint(), result.srtp().peerFingerprint());
  }

  @Test
  void fallsBackToAesCmWhenOnlyThatIsOffered() throws Exception {
    var serverSide = startServer(clientCertificate.fingerprint());
    var clientSide = startClient(new int[] {AES_CM_32, AES_CM}, serverCertificate, 1200, 0);

    DtlsHandshakeResult result = serverSide.get(WAIT_SECONDS, TimeUnit.SECONDS);
    BrowserLikeDtlsClient.Result client = clientSide.get(WAIT_SECONDS, TimeUnit.SECONDS);

    assertEquals(AES_CM, result.srtp().profile());
    assertEquals(AES_CM, client.profile());
    assertEquals(60, result.srtp().keyingMaterial().length);
    assertArrayEquals(client.keyingMaterial(), result.srtp().keyingMaterial());
  }

  @Test
  void dtlsTransportCarriesApplicationDataAfterTheHandshake() throws Exception {
    var serverSide = startServer(clientCertificate.fingerprint());
    var clientSide = startClient(new int[] {GCM}, serverCertificate, 1200, 0);
    DtlsHandshakeResult result = serverSide.get(WAIT_SECONDS, TimeUnit.SECONDS);
    BrowserLikeDtlsClient.Result client = clientSide.get(WAIT_SECONDS, TimeUnit.SECONDS);

    byte[] ping = "ping over DTLS".getBytes(US_ASCII);
    client.transport().send(ping, 0, ping.length);
    byte[] buf = new byte[result.transport().getReceiveLimit()];
    int received = result.transport().receive(buf, 0, buf.length, 5_000);

    assertArrayEquals(ping, Arrays.copyOf(buf, received));
  }

  @Test
  void serverRejectsClientCertificateThatDoesNotMatchSdpFingerprint() {
    var serverSide = startServer(strangerCertificate.fingerprint());
    var clientSide = startClient(new int[] {GCM, AES_CM}, serverCertificate, 1200, 0);

    var serverFailure = assertInstanceOf(DtlsHandshakeException.class, failureOf(serverSide));
    assertEquals(Reason.FINGERPRINT_MISMATCH, serverFailure.reason());
    assertTrue(
        serverFailure.getMessage().contains(clientCertificate.fingerprint().toSdpValue()),
        serverFailure.getMessage());
    var clientFailure = assertInstanceOf(TlsFatalAlertReceived.class, failureOf(clientSide));
    assertEquals(AlertDescription.bad_certificate, clientFailure.getAlertDescription());
  }

  @Test
  void serverFailsWhenClientRejectsServerFingerprint() {
    var serverSide = startServer(clientCertificate.fingerprint());
    var clientSide = startClient(new int[] {GCM, AES_CM}, strangerCertificate, 1200, 0);

    var clientFailure = assertInstanceOf(TlsFatalAlert.class, failureOf(clientSide));
    assertEquals(AlertDescription.bad_certificate, clientFailure.getAlertDescription());
    var serverFailure = assertInstanceOf(DtlsHandshakeException.class, failureOf(serverSide));
    assertEquals(Reason.PEER_ALERT, serverFailure.reason());
    assertTrue(serverFailure.getMessage().contains("bad_certificate"), serverFailure.getMessage());
  }

  @Test
  void failsWithoutCommonSrtpProfile() {
    var serverSide = startServer(clientCertificate.fingerprint());
    var clientSide = startClient(new int[] {AES_CM_32}, serverCertificate, 1200, 0);

    var serverFailure = assertInstanceOf(DtlsHandshakeException.class, failureOf(serverSide));
    assertEquals(Reason.NO_COMMON_SRTP_PROFILE, serverFailure.reason());
    assertTrue(serverFailure.getMessage().contains("0x0002"), serverFailure.getMessage());
    var clientFailure = assertInstanceOf(TlsFatalAlertReceived.class, failureOf(clientSide));
    assertEquals(AlertDescription.handshake_failure, clientFailure.getAlertDescription());
  }

  @Test
  void failsWhenClientOmitsUseSrtp() {
    var serverSide = startServer(clientCertificate.fingerprint());
    var clientSide = startClient(null, serverCertificate, 1200, 0);

    var serverFailure = assertInstanceOf(DtlsHandshakeException.class, failureOf(serverSide));
    assertEquals(Reason.NO_COMMON_SRTP_PROFILE, serverFailure.reason());
    assertTrue(serverFailure.getMessage().contains("use_srtp"), serverFailure.getMessage());
    failureOf(clientSide);
  }

  @Test
  void reassemblesChromiumSizedClientHelloSentInTwoDatagrams() throws Exception {
    var serverSide = startServer(clientCertificate.fingerprint());
    // Padding grows the ClientHello past one 1200-byte datagram, as Chromium's is.
    var clientSide = startClient(new int[] {GCM, AES_CM}, serverCertificate, 1200, 1150);

    DtlsHandshakeResult result = serverSide.get(WAIT_SECONDS, TimeUnit.SECONDS);
    BrowserLikeDtlsClient.Result client = clientSide.get(WAIT_SECONDS, TimeUnit.SECONDS);

    assertArrayEquals(client.keyingMaterial(), result.srtp().keyingMaterial());
    assertEquals(2, clientHelloFragmentOffsets().size());
    assertEquals(1200, loopback.serverReceived.get(0).length);
  }

  @Test
  void reassemblesClientHelloSplitByASmallMtu() throws Exception {
    var serverSide = startServer(clientCertificate.fingerprint());
    var clientSide = startClient(new int[] {GCM, AES_CM}, serverCertificate, 80, 0);

    DtlsHandshakeResult result = serverSide.get(WAIT_SECONDS, TimeUnit.SECONDS);
    BrowserLikeDtlsClient.Result client = clientSide.get(WAIT_SECONDS, TimeUnit.SECONDS);

    assertArrayEquals(client.keyingMaterial(), result.srtp().keyingMaterial());
    assertTrue(clientHelloFragmentOffsets().size() >= 3, clientHelloFragmentOffsets().toString());
  }

  @Test
  void separateHandshakesExportDifferentKeys() throws Exception {
    var first = startServer(clientCertificate.fingerprint());
    startClient(new int[] {GCM}, serverCertificate, 1200, 0).get(WAIT_SECONDS, TimeUnit.SECONDS);
    byte[] firstKeys = first.get(WAIT_SECONDS, TimeUnit.SECONDS).srtp().keyingMaterial();
    loopback.close();
    loopback = new UdpLoopback(executor);

    var second = startServer(clientCertificate.fingerprint());
    startClient(new int[] {GCM}, serverCertificate, 1200, 0).get(WAIT_SECONDS, TimeUnit.SECONDS);
    byte[] secondKeys = second.get(WAIT_SECONDS, TimeUnit.SECONDS).srtp().keyingMaterial();

    assertFalse(Arrays.equals(firstKeys, secondKeys));
  }

  @Test
  void keepsAClientHelloThatArrivesBeforeAcceptStarts() throws Exception {
    var clientSide = startClient(new int[] {GCM}, serverCertificate, 1200, 0);
    Thread.sleep(300); // the ClientHello is queued; the client has not retransmitted yet
    assertFalse(loopback.serverReceived.isEmpty());
    var serverSide = startServer(clientCertificate.fingerprint());

    DtlsHandshakeResult result = serverSide.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertArrayEquals(
        clientSide.get(WAIT_SECONDS, TimeUnit.SECONDS).keyingMaterial(),
        result.srtp().keyingMaterial());
  }

  @Test
  void concurrentHandshakesShareOneDtlsServer() throws Exception {
    var first = startServer(clientCertificate.fingerprint());
    var firstClient = startClient(new int[] {GCM}, serverCertificate, 1200, 0);
    UdpLoopback firstLoopback = loopback;
    loopback = new UdpLoopback(executor);
    try {
      var second = startServer(clientCertificate.fingerprint());
      var secondClient = startClient(new int[] {AES_CM}, serverCertificate, 1200, 0);

      assertArrayEquals(
          firstClient.get(WAIT_SECONDS, TimeUnit.SECONDS).keyingMaterial(),
          first.get(WAIT_SECONDS, TimeUnit.SECONDS).srtp().keyingMaterial());
      assertArrayEquals(
          secondClient.get(WAIT_SECONDS, TimeUnit.SECONDS).keyingMaterial(),
          second.get(WAIT_SECONDS, TimeUnit.SECONDS).srtp().keyingMaterial());
    } finally {
      firstLoopback.close();
    }
  }

  /**
   * RFC 6347 §4.2.4: when the server's final flight is lost, the client retransmits its own and the
   * server must answer, which BouncyCastle does only inside {@code DTLSTransport.receive}. accept()
   * has already returned by then, so the SFU must keep a reader on the transport.
   */
  @Test
  void answersARetransmittedClientFlightFromTransportReceive() throws Exception {
    var dropped = new AtomicBoolean();
    // The server's Finished is its only epoch-1 handshake record; lose the first copy.
    loopback.dropFromServer = d -> d[0] == 22 && d[4] == 1 && dropped.compareAndSet(false, true);
    var serverSide = startServer(clientCertificate.fingerprint());
    var clientSide = startClient(new int[] {GCM}, serverCertificate, 1200, 0);
    DtlsHandshakeResult result = serverSide.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertTrue(dropped.get());
    assertFalse(clientSide.isDone());

    executor.submit(
        () -> {
          byte[] buf = new byte[result.transport().getReceiveLimit()];
          while (!Thread.currentThread().isInterrupted()) {
            result.transport().receive(buf, 0, buf.length, 100);
          }
          return null;
        });

    assertArrayEquals(
        clientSide.get(WAIT_SECONDS, TimeUnit.SECONDS).keyingMaterial(),
        result.srtp().keyingMaterial());
  }

  /**
   * Fragment offsets of the first ClientHello (message_seq 0) seen by the server, from the DTLS
   * record header (RFC 6347 §4.1) and handshake header (RFC 6347 §4.2.2).
   */
  Set<Integer> clientHelloFragmentOffsets() {
    Set<Integer> offsets = new TreeSet<>();
    for (byte[] d : loopback.serverReceived) {
      boolean handshakeRecord = d.length >= 25 && d[0] == 22 && d[3] == 0 && d[4] == 0;
      if (handshakeRecord && d[13] == 1 && d[17] == 0 && d[18] == 0) {
        int length = uint24(d, 14);
        int fragmentOffset = uint24(d, 19);
        int fragmentLength = uint24(d, 22);
        assertTrue(fragmentOffset + fragmentLength <= length);
        if (fragmentLength < length) {
          offsets.add(fragmentOffset);
        }
      }
    }
    return offsets;
  }

  static int uint24(byte[] b, int at) {
    return ((b[at] & 0xff) << 16) | ((b[at + 1] & 0xff) << 8) | (b[at + 2] & 0xff);
  }
}
