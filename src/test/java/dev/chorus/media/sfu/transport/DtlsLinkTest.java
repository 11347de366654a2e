package dev.chorus.media.sfu.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.dtls.DtlsCertificate;
import dev.chorus.media.dtls.DtlsHandshakeException;
import dev.chorus.media.dtls.DtlsHandshakeResult;
import dev.chorus.media.dtls.DtlsServer;
import dev.chorus.media.dtls.QueueDatagramTransport;
import dev.chorus.media.dtls.SrtpProtectionProfiles;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DTLS link of one transport against a real DTLS client, over in-memory queues: whoever calls
 * {@link DtlsLink#receive} plays the packet thread, as the client's sends and this test's replays
 * do (never at once: {@link #packetThread} serialises them).
 */
class DtlsLinkTest {
  private static final Duration HANDSHAKE = Duration.ofSeconds(10);

  private final SecureRandom random = new SecureRandom();
  private final Object packetThread = new Object();
  private final List<byte[]> fromClient = new CopyOnWriteArrayList<>();
  private final CompletableFuture<DtlsHandshakeResult> established = new CompletableFuture<>();
  private final CompletableFuture<DtlsHandshakeException> failed = new CompletableFuture<>();
  private final AtomicInteger finalFlightsDropped = new AtomicInteger();
  private volatile boolean dropFinalFlight;
  private ExecutorService handshakes;
  private ScheduledExecutorService scheduler;
  private ExecutorService client;
  private DtlsServer server;
  private TestDtlsIdentity clientIdentity;
  private QueueDatagramTransport clientSide;
  private DtlsLink link;

  @BeforeEach
  void setUp() throws Exception {
    handshakes = Executors.newSingleThreadExecutor();
    scheduler = Executors.newSingleThreadScheduledExecutor();
    client = Executors.newSingleThreadExecutor();
    server = new DtlsServer(DtlsCertificate.generate(random), random);
    clientIdentity = TestDtlsIdentity.generate(random);
    var events =
        new DtlsLink.Events() {
          @Override
          public void established(DtlsHandshakeResult result) {
            dropFinalFlight = false; // what follows are retransmissions
            established.complete(result);
          }

          @Override
          public void handshakeFailed(DtlsHandshakeException failure) {
            failed.complete(failure);
          }

          @Override
          public void peerEnded(boolean clean, String reason) {}
        };
    link = new DtlsLink(this::toClient, new TransportStats(), events);
    clientSide = new QueueDatagramTransport(this::toServer);
  }

  @AfterEach
  void tearDown() throws Exception {
    link.close();
    clientSide.close();
    handshakes.shutdownNow();
    scheduler.shutdownNow();
    client.shutdownNow();
    assertTrue(handshakes.awaitTermination(5, TimeUnit.SECONDS));
    assertTrue(client.awaitTermination(5, TimeUnit.SECONDS));
  }

  @Test
  void dtlsRecordsAfterTheHandshakeCostThePacketThreadOnlyTheirProcessing() throws Exception {
    connect().get(HANDSHAKE.toSeconds(), TimeUnit.SECONDS);
    byte[] clientHello = fromClient.get(0); // what a peer retransmitting its first flight sends
    int records = 200;

    long start = System.nanoTime();
    for (int i = 0; i < records; i++) {
      toServer(clientHello, 0, clientHello.length);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;

    // Reading each with a wait held the thread >= 1 ms per record: 200 ms here.
    assertTrue(millis < 100, records + " records took " + millis + " ms");
  }

  @Test
  void theHandshakeTakesAThreadOnlyOnceThePeersFirstRecordIsHere() throws Exception {
    var submitted = new CopyOnWriteArrayList<Runnable>();
    iceConnected(submitted::add, HANDSHAKE, HANDSHAKE);
    Thread.sleep(100);
    assertEquals(0, submitted.size(), "ICE connected, no record yet: no handshake");

    toServer(new byte[] {22, (byte) 0xFE, (byte) 0xFF, 0, 0}, 0, 5);
    toServer(new byte[] {22, (byte) 0xFE, (byte) 0xFF, 0, 0}, 0, 5);
    assertEquals(1, submitted.size(), "the first record submits the handshake, once");
    assertFalse(failed.isDone());
  }

  @Test
  void aRecordBeforeIceConnectedStartsTheHandshakeWhenItConnects() throws Exception {
    var submitted = new CopyOnWriteArrayList<Runnable>();
    toServer(new byte[] {22, (byte) 0xFE, (byte) 0xFF, 0, 0}, 0, 5);
    assertEquals(0, submitted.size());

    iceConnected(submitted::add, HANDSHAKE, HANDSHAKE);
    assertEquals(1, submitted.size());
  }

  @Test
  void aSilentPeerFailsWithATimeoutAfterTheFirstRecordTimeout() throws Exception {
    var submitted = new CopyOnWriteArrayList<Runnable>();
    long start = System.nanoTime();
    iceConnected(submitted::add, Duration.ofMillis(300), HANDSHAKE);

    var failure = failed.get(5, TimeUnit.SECONDS);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(DtlsHandshakeException.Reason.TIMEOUT, failure.reason());
    assertTrue(
        failure.getMessage().contains("no DTLS record from the peer within 300 ms"),
        failure.getMessage());
    assertTrue(millis >= 290, millis + " ms");
    assertEquals(0, submitted.size(), "no handshake ever took a thread");
  }

  @Test
  void aHandshakeQueuedPastItsDeadlineFailsAndThenReturnsAtOnce() throws Exception {
    var submitted = new CopyOnWriteArrayList<Runnable>();
    iceConnected(submitted::add, Duration.ofMillis(100), Duration.ofMillis(300));
    toServer(new byte[] {22, (byte) 0xFE, (byte) 0xFF, 0, 0}, 0, 5);
    assertEquals(1, submitted.size());

    // No free thread until after the deadline: the transport hears of it at the deadline.
    var failure = failed.get(5, TimeUnit.SECONDS);
    assertEquals(DtlsHandshakeException.Reason.TIMEOUT, failure.reason());
    assertTrue(
        failure.getMessage().contains("no complete handshake within 300 ms"), failure.getMessage());

    // When a thread finally runs it, it does not start a handshake with no time left.
    long start = System.nanoTime();
    submitted.get(0).run();
    assertTrue((System.nanoTime() - start) / 1_000_000 < 100, "returned at once");
    assertTrue(link.awaitHandshakeEnd(0));
  }

  @Test
  void closeCancelsTheFirstRecordCheck() throws Exception {
    iceConnected(r -> {}, Duration.ofMillis(200), HANDSHAKE);
    link.close();

    Thread.sleep(500);
    assertFalse(failed.isDone(), "a closed link reports nothing");
  }

  @Test
  void aRetransmittedClientFinishedIsAnsweredAfterTheHandshake() throws Exception {
    dropFinalFlight = true;
    var connected = connect();
    assertNotNull(established.get(HANDSHAKE.toSeconds(), TimeUnit.SECONDS));
    assertTrue(finalFlightsDropped.get() > 0, "the server's last flight was lost");

    // The client, missing our Finished, resends its last flight (after ~1 s); the link must feed it
    // to BouncyCastle, which answers with our last flight again.
    var result = connected.get(HANDSHAKE.toSeconds(), TimeUnit.SECONDS);
    assertTrue(result.keyingMaterial().length > 0);
    assertArrayEquals(
        established.get().srtp().keyingMaterial(),
        result.keyingMaterial(),
        "both ends derived the same SRTP keys");
    assertFalse(failed.isDone(), "no failure reported");
  }

  /** Starts the server handshake and, on its own thread, the client's. */
  private Future<PeerDtlsClient.Result> connect() {
    iceConnected(handshakes, HANDSHAKE, HANDSHAKE);
    var peer =
        new PeerDtlsClient(
            new BcTlsCrypto(random),
            clientIdentity,
            server.certificate().fingerprint(),
            SrtpProtectionProfiles.supported());
    return client.submit(() -> peer.connect(clientSide));
  }

  private void iceConnected(Executor executor, Duration firstRecord, Duration handshake) {
    link.iceConnected(
        executor, scheduler, server, List.of(clientIdentity.fingerprint()), firstRecord, handshake);
  }

  /** The client's datagram reaching the transport's packet work. */
  private void toServer(byte[] buf, int off, int len) {
    fromClient.add(Arrays.copyOfRange(buf, off, off + len));
    synchronized (packetThread) {
      link.receive(buf, off, len);
    }
  }

  /** The server's datagram reaching the client, unless it is the first copy of its last flight. */
  private void toClient(byte[] buf, int off, int len) {
    boolean changeCipherSpec = buf[off] == 20;
    boolean epochOne = buf[off + 3] != 0 || buf[off + 4] != 0;
    if (dropFinalFlight && (changeCipherSpec || epochOne)) {
      finalFlightsDropped.incrementAndGet();
      return;
    }
    clientSide.offer(buf, off, len);
  }
}
