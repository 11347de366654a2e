package dev.chorus.media.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.tls.DatagramTransport;

/**
 * A BouncyCastle {@link DatagramTransport} for one DTLS peer on a shared socket: the SFU's socket
 * reader demultiplexes datagrams (RFC 7983: first byte 20-63 is DTLS, see {@link #isDtls}) and
 * {@link #offer}s this peer's ones; the handshake or DTLS reader thread takes them in {@link
 * #receive}. Outgoing records go straight to a {@link Sender} (e.g. the ICE component).
 *
 * <p>Threads: {@code offer} never blocks (a full queue drops, as UDP would), so the socket reader
 * is never held up by a slow handshake. One thread at a time calls {@code receive}; {@code send}
 * may be called from any thread if the Sender allows it. {@link #close} wakes a blocked {@code
 * receive}, which then fails, ending a pending handshake at once.
 *
 * <p>After the handshake the reader is the packet work, which offers a datagram and then reads it
 * at once: {@link #stopWaiting} makes {@code receive} never wait there, so a DTLS datagram costs
 * its reader only its own processing (see {@link NothingQueuedException} for how).
 */
public final class QueueDatagramTransport implements DatagramTransport {

  /** Where outgoing datagrams go. */
  @FunctionalInterface
  public interface Sender {
    void send(byte[] buf, int off, int len) throws IOException;
  }

  /**
   * Largest datagram we send: fits the IPv6 minimum MTU (1280 - 40 - 8 = 1232) with room for TURN
   * framing, the same budget browsers use for DTLS.
   */
  public static final int DEFAULT_SEND_LIMIT = 1200;

  /** Largest datagram we accept: an Ethernet payload; peers are free to send more than 1200. */
  public static final int DEFAULT_RECEIVE_LIMIT = 1500;

  /** A handshake flight is a handful of datagrams; more than this queued means a flood. */
  public static final int DEFAULT_CAPACITY = 64;

  private static final byte[] CLOSED = new byte[0];

  /**
   * What {@code receive} throws after {@link #stopWaiting} when no datagram is queued. Returning -1
   * ("timed out") instead would not end BouncyCastle's read: {@code DTLSRecordLayer.receive} calls
   * the transport again until its own wait (at least 1 ms, 0 meaning forever) has passed, a busy
   * loop. An {@link InterruptedIOException} is the one failure BouncyCastle passes through to the
   * caller of {@code DTLSTransport.receive} without failing the association (it catches {@link
   * java.net.SocketTimeoutException}, which is why this is not one).
   */
  public static final class NothingQueuedException extends InterruptedIOException {
    private static final long serialVersionUID = 1L;

    NothingQueuedException() {
      super("no datagram queued");
    }

    /** Thrown once per datagram read; a stack trace would only cost time. */
    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  private final Sender sender;
  private final int sendLimit;
  private final int receiveLimit;
  private final BlockingQueue<byte[]> queue;
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean closed;
  private volatile boolean nonWaiting;

  public QueueDatagramTransport(Sender sender) {
    this(sender, DEFAULT_SEND_LIMIT, DEFAULT_RECEIVE_LIMIT, DEFAULT_CAPACITY);
  }

  public QueueDatagramTransport(Sender sender, int sendLimit, int receiveLimit, int capacity) {
    // Below ~200 bytes even a single ServerHello fragment plus headers no longer fits sensibly.
    if (sendLimit < 200 || receiveLimit < 200 || capacity < 1) {
      throw new IllegalArgumentException("limits must be >= 200 bytes and capacity >= 1");
    }
    this.sender = sender;
    this.sendLimit = sendLimit;
    this.receiveLimit = receiveLimit;
    this.queue = new ArrayBlockingQueue<>(capacity + 1); // + 1 keeps room for the close marker
  }

  /** RFC 7983 §7: a datagram whose first byte is 20..63 is a DTLS record. */
  public static boolean isDtls(byte[] buf, int off, int len) {
    if (len < 1 || off < 0 || off >= buf.length) {
      return false;
    }
    int first = buf[off] & 0xff;
    return first >= 20 && first <= 63;
  }

  /**
   * Hands one received datagram to this transport (copied; the caller may reuse {@code buf}). Never
   * blocks.
   *
   * @return false if it was dropped: empty, longer than the receive limit, queue full, or closed
   */
  public boolean offer(byte[] buf, int off, int len) {
    if (closed || len < 1 || len > receiveLimit || off < 0 || off + len > buf.length) {
      dropped.incrementAndGet();
      return false;
    }
    byte[] copy = new byte[len];
    System.arraycopy(buf, off, copy, 0, len);
    // Keep the last slot for the close marker so close() can always wake a receiver.
    if (queue.remainingCapacity() <= 1 || !queue.offer(copy)) {
      dropped.incrementAndGet();
      return false;
    }
    return true;
  }

  /** Datagrams refused by {@link #offer} or too long for a {@code receive} buffer. */
  public long droppedDatagrams() {
    return dropped.get();
  }

  @Override
  public int getReceiveLimit() {
    return receiveLimit;
  }

  @Override
  public int getSendLimit() {
    return sendLimit;
  }

  /**
   * From now on {@link #receive} returns what is queued or throws {@link NothingQueuedException} at
   * once, whatever wait it is asked for. For after the handshake, whose reads must wait.
   */
  public void stopWaiting() {
    nonWaiting = true;
  }

  /**
   * Waits up to {@code waitMillis} for a datagram (not at all after {@link #stopWaiting}).
   *
   * @return its length, or -1 on timeout (BouncyCastle's convention)
   * @throws ClosedChannelException once {@link #close} was called
   * @throws NothingQueuedException after {@link #stopWaiting}, if nothing is queued
   * @throws InterruptedIOException if the thread is interrupted
   */
  @Override
  public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, waitMillis));
    while (true) {
      if (closed) {
        throw new ClosedChannelException();
      }
      byte[] datagram = nonWaiting ? queue.poll() : poll(deadline - System.nanoTime());
      if (datagram == null) {
        if (nonWaiting) {
          throw new NothingQueuedException();
        }
        return -1;
      }
      if (datagram == CLOSED) {
        throw new ClosedChannelException();
      }
      if (datagram.length > len) {
        // A truncated record could never authenticate; skip it and keep waiting.
        dropped.incrementAndGet();
        continue;
      }
      System.arraycopy(datagram, 0, buf, off, datagram.length);
      return datagram.length;
    }
  }

  private byte[] poll(long remainingNanos) throws InterruptedIOException {
    try {
      return queue.poll(Math.max(0, remainingNanos), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      var interrupted = new InterruptedIOException("interrupted while waiting for a datagram");
      interrupted.initCause(e);
      throw interrupted;
    }
  }

  @Override
  public void send(byte[] buf, int off, int len) throws IOException {
    if (closed) {
      throw new ClosedChannelException();
    }
    if (len > sendLimit) {
      // RFC 6347 §4.1.1: DTLS must not produce datagrams that IP would fragment.
      throw new IOException("datagram of " + len + " bytes exceeds send limit " + sendLimit);
    }
    sender.send(buf, off, len);
  }

  /** Drops queued datagrams and wakes a waiting {@link #receive}; later calls fail. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      queue.clear();
      queue.offer(CLOSED);
    }
  }

  public boolean isClosed() {
    return closed;
  }
}
