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

  private final Sender sender;
  private final int sendLimit;
  private final int receiveLimit;
  private final BlockingQueue<byte[]> queue;
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean closed;

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
   * Waits up to {@code waitMillis} for a datagram.
   *
   * @return its length, or -1 on timeout (BouncyCastle's convention)
   * @throws ClosedChannelException once {@link #close} was called
   * @throws InterruptedIOException if the thread is interrupted
   */
  @Override
  public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, waitMillis));
    while (true) {
      if (closed) {
        throw new ClosedChannelException();
      }
      long remaining = deadline - System.nanoTime();
      byte[] datagram;
      try {
        datagram = queue.poll(Math.max(0, remaining), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        var interrupted = new InterruptedIOException("interrupted while waiting for a datagram");
        interrupted.initCause(e);
        throw interrupted;
      }
      if (datagram == null) {
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
