package dev.chorus.media.sfu.transport;

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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>The handshake pool is small (four threads by default) and a handshake blocks its thread, so a
 * handshake is handed to it only once ICE has connected <em>and</em> the peer's first DTLS record
 * (its ClientHello) is queued: a peer that nominates a pair and stays silent holds no thread and
 * cannot delay anyone's join. Two deadlines, counted from ICE connecting and checked on the
 * engine's scheduler, end such a link: no record within the first-record timeout, or no complete
 * handshake within the handshake timeout (which also bounds the time a handshake waits for a
 * thread; one that gets its thread past the deadline does not start).
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
  /**
   * What the link reports to its transport; called on the handshake, the packet or the scheduler's
   * thread.
   */
  interface Events {
    void established(DtlsHandshakeResult result);

    void handshakeFailed(DtlsHandshakeException failure);

    /** The peer ended DTLS: close_notify (clean) or a fatal alert (failure). */
    void peerEnded(boolean clean, String reason);
  }

  /** What starting the handshake takes, known once ICE has connected. */
  private record Start(
      Executor executor, DtlsServer server, List<DtlsFingerprint> remote, long deadlineNanos) {}

  /** Bits of {@link #startConditions}: the handshake is submitted once both are set. */
  private static final int ICE_CONNECTED = 1;

  private static final int RECORD_SEEN = 2;

  private static final System.Logger LOG = System.getLogger(DtlsLink.class.getName());
  private static final int MAX_RECORDS_PER_PUMP = 16;

  /** DTLS record content type of alerts (RFC 5246 §6.2.1), the first byte of a record. */
  private static final int CONTENT_TYPE_ALERT = 21;

  private final QueueDatagramTransport.Sender network;
  private final QueueDatagramTransport queue;
  private final TransportStats stats;
  private final Events events;
  private final CountDownLatch handshakeEnded = new CountDownLatch(1);
  private final AtomicInteger startConditions = new AtomicInteger();
  private volatile Start start;
  private volatile boolean handshakeSubmitted;
  private volatile ScheduledFuture<?> watchdog;
  private boolean recordSeen; // packet thread only
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
   * ICE has connected (called once): the server handshake is handed to {@code executor} (a bounded
   * pool, where it may wait for a slot) as soon as the peer's first DTLS record is here, at once if
   * it already is, so a peer that never sends one holds no slot. The link reports a {@link
   * DtlsHandshakeException.Reason#TIMEOUT} failure if no record comes within {@code
   * firstRecordTimeout}, or no handshake has completed within {@code handshakeTimeout}, both from
   * now; the checks run on {@code scheduler} and end with {@link #close}.
   */
  void iceConnected(
      Executor executor,
      ScheduledExecutorService scheduler,
      DtlsServer server,
      List<DtlsFingerprint> remote,
      Duration firstRecordTimeout,
      Duration handshakeTimeout) {
    if (start != null) {
      return;
    }
    long deadline = System.nanoTime() + handshakeTimeout.toNanos();
    start = new Start(executor, server, List.copyOf(remote), deadline);
    var firstRecordDue =
        firstRecordTimeout.compareTo(handshakeTimeout) < 0 ? firstRecordTimeout : handshakeTimeout;
    watch(
        scheduler,
        firstRecordDue.toNanos(),
        () -> firstRecordDue(scheduler, firstRecordDue, handshakeTimeout));
    if (startConditions.getAndUpdate(c -> c | ICE_CONNECTED) == RECORD_SEEN) {
      submitHandshake();
    }
  }

  /**
   * True once a submitted handshake has returned (or none was submitted); waits up to {@code
   * nanos}.
   */
  boolean awaitHandshakeEnd(long nanos) throws InterruptedException {
    return !handshakeSubmitted || handshakeEnded.await(nanos, TimeUnit.NANOSECONDS);
  }

  /** The peer's first record came (packet thread); ICE may or may not have connected yet. */
  private void firstRecord() {
    recordSeen = true;
    if (startConditions.getAndUpdate(c -> c | RECORD_SEEN) == ICE_CONNECTED) {
      submitHandshake();
    }
  }

  /** Runs once, on whichever thread completed the start conditions. */
  private void submitHandshake() {
    handshakeSubmitted = true; // before the check, so awaitHandshakeEnd after close() sees it
    if (closing) {
      handshakeEnded.countDown();
      return;
    }
    var how = start;
    Runnable handshake =
        () -> {
          try {
            handshake(how);
          } finally {
            handshakeEnded.countDown();
          }
        };
    try {
      how.executor().execute(handshake);
    } catch (RejectedExecutionException e) {
      handshakeEnded.countDown();
      events.handshakeFailed(
          new DtlsHandshakeException(
              DtlsHandshakeException.Reason.INTERRUPTED, "no thread for the handshake", e));
    }
  }

  private void firstRecordDue(
      ScheduledExecutorService scheduler, Duration firstRecordDue, Duration handshakeTimeout) {
    if (closing || established != null) {
      return;
    }
    if ((startConditions.get() & RECORD_SEEN) == 0) {
      timedOut(
          "no DTLS record from the peer within " + millis(firstRecordDue) + " after ICE connected");
      return;
    }
    long left = start.deadlineNanos() - System.nanoTime();
    watch(scheduler, left, () -> handshakeDue(handshakeTimeout));
  }

  private void handshakeDue(Duration handshakeTimeout) {
    // A running handshake times out by itself at the same deadline; this catches a queued one.
    if (!closing && established == null) {
      timedOut("no complete handshake within " + millis(handshakeTimeout) + " after ICE connected");
    }
  }

  private void watch(ScheduledExecutorService scheduler, long delayNanos, Runnable check) {
    Runnable guarded =
        () -> {
          try {
            check.run();
          } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "DTLS deadline check failed", e);
          }
        };
    try {
      watchdog = scheduler.schedule(guarded, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The engine is shutting down and closes this transport anyway.
      LOG.log(Level.DEBUG, "No DTLS watchdog: the scheduler refused it");
    }
    if (closing) {
      cancelWatchdog(); // close() ran meanwhile and may have missed this one
    }
  }

  private void timedOut(String message) {
    events.handshakeFailed(
        new DtlsHandshakeException(DtlsHandshakeException.Reason.TIMEOUT, message, null));
  }

  private static String millis(Duration duration) {
    return duration.toMillis() + " ms";
  }

  private void handshake(Start how) {
    if (closing) {
      return; // closed while waiting for a slot in the pool
    }
    long left = how.deadlineNanos() - System.nanoTime();
    if (left < TimeUnit.MILLISECONDS.toNanos(1)) {
      timedOut("the handshake waited for a thread past its deadline");
      return;
    }
    DtlsHandshakeResult result;
    try {
      result = how.server().accept(queue, how.remote(), Duration.ofNanos(left));
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
    if (!recordSeen) {
      firstRecord();
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
    cancelWatchdog();
    var dtls = established;
    if (dtls != null) {
      closeQuietly(dtls);
    }
    queue.close();
  }

  private void cancelWatchdog() {
    var pending = watchdog;
    if (pending != null) {
      pending.cancel(false);
    }
  }

  private static void closeQuietly(DTLSTransport dtls) {
    try {
      dtls.close();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.DEBUG, "DTLS close failed", e);
    }
  }
}
