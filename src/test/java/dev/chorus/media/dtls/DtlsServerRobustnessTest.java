package dev.chorus.media.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.dtls.DtlsHandshakeException.Reason;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A handshake waiting for a browser must survive what the network throws at it: nothing at all,
 * garbage datagrams (RFC 7983 lets anything with first byte 20-63 reach DTLS), a closed transport,
 * an interrupted thread. It must end with a {@link DtlsHandshakeException} in bounded time.
 */
class DtlsServerRobustnessTest {

  static final SecureRandom RANDOM = new SecureRandom();
  static DtlsCertificate serverCertificate;
  static DtlsCertificate clientCertificate;

  ExecutorService executor;
  UdpLoopback loopback;
  DtlsServer server;

  @BeforeAll
  static void generateCertificates() {
    serverCertificate = DtlsCertificate.generate(RANDOM);
    clientCertificate = DtlsCertificate.generate(RANDOM);
  }

  @BeforeEach
  void setUp() throws Exception {
    executor = Executors.newFixedThreadPool(3);
    loopback = new UdpLoopback(executor);
    server = new DtlsServer(serverCertificate, RANDOM);
  }

  @AfterEach
  void tearDown() throws Exception {
    loopback.close();
    executor.shutdownNow();
    assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS), "handshake threads still running");
  }

  /** Runs accept() and completes with its result or its DtlsHandshakeException. */
  CompletableFuture<DtlsHandshakeResult> accept(Duration timeout, List<Future<?>> task) {
    var outcome = new CompletableFuture<DtlsHandshakeResult>();
    task.add(
        executor.submit(
            () -> {
              try {
                outcome.complete(
                    server.accept(
                        loopback.serverTransport,
                        List.of(clientCertificate.fingerprint()),
                        timeout));
              } catch (DtlsHandshakeException | RuntimeException e) {
                outcome.completeExceptionally(e);
              }
            }));
    return outcome;
  }

  static DtlsHandshakeException failureOf(CompletableFuture<?> outcome) {
    var e = assertThrows(ExecutionException.class, () -> outcome.get(10, TimeUnit.SECONDS));
    return assertInstanceOf(DtlsHandshakeException.class, e.getCause());
  }

  @Test
  void timesOutWhenNoClientShowsUp() {
    long start = System.nanoTime();
    var outcome = accept(Duration.ofMillis(800), new ArrayList<>());

    assertEquals(Reason.TIMEOUT, failureOf(outcome).reason());
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(elapsedMillis >= 700 && elapsedMillis < 4_000, "took " + elapsedMillis + " ms");
  }

  @Test
  void garbageDatagramsEndInTimeoutNotInACrash() throws Exception {
    var outcome = accept(Duration.ofMillis(1500), new ArrayList<>());
    for (byte[] datagram : garbage(new Random(5764))) {
      loopback.sendFromClient(datagram);
    }

    assertEquals(Reason.TIMEOUT, failureOf(outcome).reason());
    assertTrue(loopback.serverReceived.size() > 100, "garbage did not reach the server");
  }

  @Test
  void clientHelloWithGarbageBodyFailsFastAsProtocolError() throws Exception {
    var outcome = accept(Duration.ofSeconds(5), new ArrayList<>());
    byte[] body = new byte[60];
    new Random(1).nextBytes(body);
    loopback.sendFromClient(handshakeRecord(1, body.length, 0, body.length, body));

    long start = System.nanoTime();
    DtlsHandshakeException failure = failureOf(outcome);
    assertEquals(Reason.PROTOCOL_ERROR, failure.reason());
    assertTrue((System.nanoTime() - start) / 1_000_000 < 4_000, "did not fail fast");
  }

  @Test
  void realClientStillCompletesAfterGarbage() throws Exception {
    var outcome = accept(Duration.ofSeconds(5), new ArrayList<>());
    for (byte[] datagram : garbage(new Random(7983))) {
      loopback.sendFromClient(datagram);
    }
    var client =
        new BrowserLikeDtlsClient(
            new BcTlsCrypto(RANDOM),
            clientCertificate,
            BrowserLikeDtlsClient.sha256(serverCertificate.derEncoded()),
            new int[] {SrtpProtectionProfiles.AEAD_AES_128_GCM},
            0,
            5_000);
    var clientSide = executor.submit(() -> client.connect(loopback.clientTransport(1200)));

    DtlsHandshakeResult result = outcome.get(10, TimeUnit.SECONDS);
    assertArrayEquals(
        clientSide.get(10, TimeUnit.SECONDS).keyingMaterial(), result.srtp().keyingMaterial());
  }

  @Test
  void closingTheTransportAbortsAPendingHandshake() throws Exception {
    var outcome = accept(Duration.ofSeconds(30), new ArrayList<>());
    Thread.sleep(200);
    long start = System.nanoTime();
    loopback.serverTransport.close();

    assertEquals(Reason.TRANSPORT_ERROR, failureOf(outcome).reason());
    assertTrue((System.nanoTime() - start) / 1_000_000 < 3_000, "close did not abort promptly");
  }

  @Test
  void interruptingTheHandshakeThreadAbortsIt() throws Exception {
    var tasks = new ArrayList<Future<?>>();
    var outcome = accept(Duration.ofSeconds(30), tasks);
    Thread.sleep(200);
    long start = System.nanoTime();
    tasks.get(0).cancel(true);

    assertEquals(Reason.INTERRUPTED, failureOf(outcome).reason());
    assertTrue((System.nanoTime() - start) / 1_000_000 < 3_000, "interrupt did not abort promptly");
  }

  /**
   * Datagrams that pass the RFC 7983 DTLS test but are not a valid ClientHello start: random bytes,
   * truncated and oversized headers, fragments that overrun their message, records of later epochs
   * and of other content types. None is a plausible fragment of message 0, which a spoofer could
   * use to stall reassembly (see the report on known weaknesses).
   */
  static List<byte[]> garbage(Random random) {
    var out = new ArrayList<byte[]>();
    for (int i = 0; i < 60; i++) {
      byte[] d = new byte[1 + random.nextInt(1300)];
      random.nextBytes(d);
      d[0] = (byte) (22 + random.nextInt(42)); // 22..63: skip 20 (CCS) and 21 (alert)
      out.add(d);
    }
    out.add(new byte[] {22}); // one byte
    out.add(new byte[] {22, (byte) 0xfe, (byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 0}); // short header
    // Header announcing 65535 bytes but carrying 20.
    out.add(record(22, 0, 65535, new byte[20]));
    // ClientHello fragment running past its message length.
    out.add(handshakeRecord(1, 100, 90, 50, new byte[50]));
    // Handshake header with a huge length and a message_seq far ahead.
    byte[] ahead = handshakeRecord(1, 0xffffff, 0, 10, new byte[10]);
    ahead[17] = 0x7f;
    out.add(ahead);
    // "Encrypted" records of epoch 1 and 2, and application data in epoch 0.
    for (int epoch = 1; epoch <= 2; epoch++) {
      byte[] body = new byte[64];
      random.nextBytes(body);
      out.add(record(22, epoch, body.length, body));
    }
    out.add(record(23, 0, 32, new byte[32]));
    // Records with a non-DTLS version.
    byte[] tls = record(22, 0, 16, new byte[16]);
    tls[1] = 3;
    tls[2] = 3;
    out.add(tls);
    // Well-formed epoch-0 records holding random handshake fragments for later messages
    // (message_seq 1..15), so they pass the record layer and reach reassembly.
    for (int i = 0; i < 60; i++) {
      byte[] fragment = new byte[random.nextInt(200)];
      random.nextBytes(fragment);
      int length = fragment.length + random.nextInt(100);
      int offset = random.nextInt(length - fragment.length + 1);
      byte[] d = handshakeRecord(2 + random.nextInt(18), length, offset, fragment.length, fragment);
      d[13 + 5] = (byte) (1 + random.nextInt(15));
      out.add(d);
    }
    return out;
  }

  /** A DTLS 1.2 record (RFC 6347 §4.1) with an arbitrary declared length. */
  static byte[] record(int type, int epoch, int declaredLength, byte[] body) {
    byte[] r = new byte[13 + body.length];
    r[0] = (byte) type;
    r[1] = (byte) 0xfe;
    r[2] = (byte) 0xfd;
    r[3] = (byte) (epoch >> 8);
    r[4] = (byte) epoch;
    r[11] = (byte) (declaredLength >> 8);
    r[12] = (byte) declaredLength;
    System.arraycopy(body, 0, r, 13, body.length);
    return r;
  }

  /** A record carrying one handshake fragment (RFC 6347 §4.2.2), message_seq 0. */
  static byte[] handshakeRecord(
      int msgType, int length, int fragmentOffset, int fragmentLength, byte[] fragment) {
    byte[] h = new byte[12 + fragment.length];
    h[0] = (byte) msgType;
    putUint24(h, 1, length);
    putUint24(h, 6, fragmentOffset);
    putUint24(h, 9, fragmentLength);
    System.arraycopy(fragment, 0, h, 12, fragment.length);
    return record(22, 0, h.length, h);
  }

  static void putUint24(byte[] b, int at, int value) {
    b[at] = (byte) (value >> 16);
    b[at + 1] = (byte) (value >> 8);
    b[at + 2] = (byte) value;
  }
}
