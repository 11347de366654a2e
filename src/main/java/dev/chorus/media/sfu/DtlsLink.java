package dev.chorus.media.sfu;

import dev.chorus.media.dtls.DtlsFingerprint;
import dev.chorus.media.dtls.DtlsHandshakeException;
import dev.chorus.media.dtls.DtlsHandshakeResult;
import dev.chorus.media.dtls.DtlsServer;
import dev.chorus.media.dtls.QueueDatagramTransport;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;

/**
 * The DTLS side of one transport (<a href="https://www.rfc-editor.org/rfc/rfc5764#section-4">RFC
 * 5764 §4</a>): runs the blocking server handshake on the engine's handshake pool and, once it is
 * done, keeps feeding BouncyCastle the peer's DTLS records from the packet work, because
 * BouncyCastle answers a retransmitted client Finished (our last flight was lost, <a
 * href="https://www.rfc-editor.org/rfc/rfc6347#section-4.2.4">RFC 6347 §4.2.4</a>) and notices a
 * close_notify only while someone calls {@code receive}.
 *
 * <p>After the handshake no thread is parked on DTLS: each incoming record is queued and then read
 * at once on the packet thread, the queue no longer waiting ({@link
 * QueueDatagramTransport#stopWaiting}): BouncyCastle's read ends as soon as the queue is empty, so
 * a DTLS datagram costs the shared packet thread only its own processing, and a peer flooding DTLS
 * records slows no one else's forwarding by waiting.
 *
 * <p>Forged records: BouncyCastle answers a record whose MAC fails with a fatal alert and gives up
 * the association, where <a href="https://www.rfc-editor.org/rfc/rfc6347#section-4.1.2.7">RFC 6347
 * §4.1.2.7</a> recommends silently discarding it. A browser that receives that alert tears the
 * whole connection down, so one spoofed datagram would end a call. Hence, once the handshake is
 * done, alerts BouncyCastle sends on its own are dropped (only our close_notify goes out) and a
 * local DTLS failure merely stops DTLS reading: the SRTP keys are already derived and media goes
 * on. Outgoing datagrams that ICE cannot send yet (before it sees the nomination) or any more are
 * dropped like lost packets, which DTLS retransmission covers, instead of aborting the handshake.
 */
final class DtlsLink {
  /** What the link reports to its transport; called on the handshake or the packet thread. */
  interface Events {
    void established(DtlsHandshakeResult result);

    void handshakeFailed(DtlsHandshakeException failure);

    /** The peer ended DTLS: close_notify (clean) or a fatal alert (failure). */
    void peerEnded(boolean clean, String reason);
  }

  private static final System.Logger LOG = System.getLogger(DtlsLink.class.getName());
  private static final int MAX_RECORDS_PER_PUMP = 16;

  /** DTLS record content type of alerts (RFC 5246 §6.2.1), the first byte of a record. */
  private static final int CONTENT_TYPE_ALERT = 21;

  private final QueueDatagramTransport.Sender network;
  private final QueueDatagramTransport queue;
  private final TransportStats stats;
  private final Events events;
  private final CountDownLatch handshakeEnded = new CountDownLatch(1);
  private volatile boolean handshakeStarted;
  private volatile DTLSTransport established;
  private volatile boolean closing;
  private boolean reading = true; // packet thread only
  private byte[] scratch; // packet thread only

  /**
   * @param network sends one datagram to the peer (over ICE); may throw when it cannot
   */
  DtlsLink(QueueDatagramTransport.Sender network, TransportStats stats, Events events) {
    this.network = network;
    this.queue = new QueueDatagramTransport(this::send);
    this.stats = stats;
    this.events = events;
  }

  /**
   * Starts the server handshake on {@code executor} (a bounded pool: it may wait there for a slot);
   * records that came earlier are queued.
   */
  void startHandshake(
      Executor executor, DtlsServer server, List<DtlsFingerprint> remote, Duration timeout) {
    handshakeStarted = true;
    Runnable handshake =
        () -> {
          try {
            handshake(server, remote, timeout);
          } finally {
            handshakeEnded.countDown();
          }
        };
    try {
      executor.execute(handshake);
    } catch (RejectedExecutionException e) {
      handshakeEnded.countDown();
      events.handshakeFailed(
          new DtlsHandshakeException(
              DtlsHandshakeException.Reason.INTERRUPTED, "no thread for the handshake", e));
    }
  }

  /**
   * True once a started handshake has returned (or none was started); waits up to {@code nanos}.
   */
  boolean awaitHandshakeEnd(long nanos) throws InterruptedException {
    return !handshakeStarted || handshakeEnded.await(nanos, TimeUnit.NANOSECONDS);
  }

  private void handshake(DtlsServer server, List<DtlsFingerprint> remote, Duration timeout) {
    if (closing) {
      return; // closed while waiting for a slot in the pool
    }
    DtlsHandshakeResult result;
    try {
      result = server.accept(queue, remote, timeout);
    } catch (DtlsHandshakeException e) {
      if (!closing) {
        events.handshakeFailed(e);
      }
      return;
    }
    // From here the packet thread reads, right after queuing a datagram; waiting would hold it.
    queue.stopWaiting();
    established = result.transport();
    if (closing) {
      // close() ran during the handshake and saw nothing to close but the queue.
      closeQuietly(result.transport());
      return;
    }
    events.established(result);
  }

  /** A DTLS datagram from the peer; packet thread only. */
  void receive(byte[] buf, int off, int len) {
    if (!queue.offer(buf, off, len)) {
      stats.dropped.increment();
      return;
    }
    var dtls = established;
    if (dtls != null && reading && !closing) {
      pump(dtls);
    }
  }

  private void pump(DTLSTransport dtls) {
    try {
      if (scratch == null) {
        scratch = new byte[Math.max(1, dtls.getReceiveLimit())];
      }
      for (int i = 0; i < MAX_RECORDS_PER_PUMP; i++) {
        // >= 0 is application data (SCTP data channels), which Chorus does not use. The wait is
        // moot (the queue no longer waits) but must be positive: 0 means "forever".
        if (dtls.receive(scratch, 0, scratch.length, 1) < 0) {
          break;
        }
      }
    } catch (QueueDatagramTransport.NothingQueuedException e) {
      // Every queued record was read: the normal end of a pump.
    } catch (TlsFatalAlertReceived e) {
      reading = false;
      if (!closing) {
        events.peerEnded(
            false, "peer sent DTLS alert " + AlertDescription.getText(e.getAlertDescription()));
      }
      return;
    } catch (TlsFatalAlert e) {
      // A record failed its MAC or similar (see the class comment): BouncyCastle has given up on
      // the association, its alert was held back, the SRTP keys stay valid.
      reading = false;
      stats.malformed.increment();
      LOG.log(Level.DEBUG, "DTLS failed after the handshake: {0}", e.getMessage());
      return;
    } catch (IOException e) {
      // The queue was closed under BouncyCastle: by a close_notify (checked below) or by close().
    } catch (RuntimeException e) {
      reading = false;
      stats.malformed.increment();
      LOG.log(Level.DEBUG, "DTLS failed after the handshake", e);
      return;
    }
    if (queue.isClosed()) {
      reading = false;
      if (!closing) {
        events.peerEnded(true, "peer sent DTLS close_notify");
      }
    }
  }

  private void send(byte[] buf, int off, int len) {
    if (established != null && !closing && len > 0 && buf[off] == CONTENT_TYPE_ALERT) {
      stats.dropped.increment();
      return;
    }
    try {
      network.send(buf, off, len);
    } catch (IOException e) {
      stats.sendErrors.increment();
    }
  }

  /** Sends close_notify if the handshake completed and stops everything; idempotent. */
  void close() {
    closing = true;
    var dtls = established;
    if (dtls != null) {
      closeQuietly(dtls);
    }
    queue.close();
  }

  private static void closeQuietly(DTLSTransport dtls) {
    try {
      dtls.close();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.DEBUG, "DTLS close failed", e);
    }
  }
}
