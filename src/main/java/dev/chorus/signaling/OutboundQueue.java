package dev.chorus.signaling;

import dev.chorus.signaling.Lanes.Frame;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One socket's bounded outbound queue, drained one frame (or one batch) at a time.
 *
 * <p>{@link #offer} only appends under a short private lock and returns: it never sends, never
 * waits for the network and never calls anything else while holding the lock, so a caller holding
 * its own locks (a room, a call) cannot deadlock with a socket. The queue is drained by tasks on
 * {@code drainer} ({@link SocketDrainers}): a drain task hands ONE frame (or batch) to the {@link
 * Transport}, which sends it asynchronously; its completion schedules the next drain task. So at
 * most one frame is in flight, a stuck peer holds no thread, and completion callbacks (which may
 * run inside the transport's own call) never recurse into the transport.
 *
 * <p>Why not a blocking send per socket on a pool: a peer that stops reading would hold a pool
 * thread each, and a few of them would starve every other socket. Why not the transport's own async
 * queue: it is unbounded, which is the memory leak this class exists to prevent.
 *
 * <p>What waits, and in which order it leaves (messages, states that replace each other, batches),
 * is {@link Lanes}.
 *
 * <p>Bounded by messages and bytes (in flight and states included; states do not count as messages,
 * their keys bound them). Going over either, a failed send, or a frame in flight longer than the
 * send timeout ({@link #stalledAt}) ends the queue: it drops what it holds, accepts nothing more,
 * and reports the {@link End} once to its owner.
 */
final class OutboundQueue {
  /** How much a queue may hold, and how long one frame may take to leave. */
  record Limits(int maxMessages, long maxBytes, Duration sendTimeout) {
    Limits {
      if (maxMessages < 1 || maxBytes < 1 || sendTimeout.isNegative() || sendTimeout.isZero()) {
        throw new IllegalArgumentException("outbound limits must be positive: " + this);
      }
    }
  }

  /** What the queue sends with: asynchronous, reporting each frame's outcome once. */
  interface Transport {
    /**
     * Starts sending one text frame; {@code done} gets null on success or the failure. May call
     * {@code done} before returning.
     */
    void sendText(String text, Consumer<Throwable> done);

    /** A control frame (WebSocket ping); only sent while nothing else is queued or in flight. */
    void sendPing() throws Exception;
  }

  /** Why a queue ended; the owner closes the socket with it. */
  enum End {
    OVERFLOW("too slow: outbound queue full"),
    SEND_TIMEOUT("too slow: send timed out"),
    SEND_FAILED("send failed"),
    CLOSED("closed");

    final String reason;

    End(String reason) {
      this.reason = reason;
    }
  }

  private final Limits limits;
  private final Transport transport;
  private final Executor drainer;
  private final LongSupplier nanoTime;
  private final Consumer<End> onEnd;

  private final Lanes waiting = new Lanes();
  private long queuedBytes;
  private long peakBytes;
  private Frame inFlight;
  private long inFlightSince;
  private volatile long lastSentNanos;
  private boolean drainScheduled;
  private End ended;
  private Throwable failure;

  OutboundQueue(
      Limits limits,
      Transport transport,
      Executor drainer,
      LongSupplier nanoTime,
      Consumer<End> onEnd) {
    this.limits = limits;
    this.transport = transport;
    this.drainer = drainer;
    this.nanoTime = nanoTime;
    this.onEnd = onEnd;
    this.lastSentNanos = nanoTime.getAsLong();
  }

  /**
   * Appends a message and returns at once. Returns false if the queue has ended (this frame ended
   * it, or an earlier reason did); the frame is dropped then.
   */
  boolean offer(String text) {
    return admit(null, text);
  }

  /**
   * Queues a state under {@code key}, replacing a state still queued under the same key (it keeps
   * that one's place); returns at once. Returns false if the queue has ended.
   */
  boolean offerLatest(String key, String text) {
    return admit(key, text);
  }

  /** A message ({@code stateKey} null) or a state, within the caps; over them the queue ends. */
  private boolean admit(String stateKey, String text) {
    var frame = Frame.of(text);
    boolean admitted;
    boolean schedule = false;
    synchronized (this) {
      if (ended != null) {
        return false;
      }
      var replaced = stateKey == null ? null : waiting.stateOf(stateKey);
      long bytesAfter = queuedBytes + frame.bytes() - (replaced == null ? 0 : replaced.bytes());
      admitted =
          bytesAfter <= limits.maxBytes()
              && (stateKey != null
                  || waiting.messageCount() + (inFlight == null ? 0 : 1) < limits.maxMessages());
      if (admitted) {
        if (stateKey == null) {
          waiting.addMessage(frame);
        } else {
          waiting.putState(stateKey, frame);
        }
        queuedBytes = bytesAfter;
        peakBytes = Math.max(peakBytes, queuedBytes);
        schedule = startDrainLocked();
      }
    }
    if (!admitted) {
      end(End.OVERFLOW);
      return false;
    }
    if (schedule) {
      scheduleDrain();
    }
    return true;
  }

  /**
   * Pings (on the drainer) if the socket is idle, nothing queued or in flight: a busy socket shows
   * it is alive by its sends completing. Returns whether a ping was started.
   */
  boolean pingIfIdle() {
    synchronized (this) {
      if (ended != null || inFlight != null || !waiting.isEmpty()) {
        return false;
      }
    }
    try {
      drainer.execute(this::ping);
      return true;
    } catch (RejectedExecutionException e) {
      end(End.SEND_FAILED, e);
      return false;
    }
  }

  private void ping() {
    try {
      transport.sendPing();
    } catch (Exception e) {
      end(End.SEND_FAILED, e);
    }
  }

  /**
   * Whether the frame in flight has been on its way longer than the send timeout; if so the queue
   * ends with {@link End#SEND_TIMEOUT}.
   */
  boolean stalledAt(long nowNanos) {
    synchronized (this) {
      if (ended != null
          || inFlight == null
          || nowNanos - inFlightSince <= limits.sendTimeout().toNanos()) {
        return false;
      }
    }
    end(End.SEND_TIMEOUT);
    return true;
  }

  /** Ends the queue (the socket is closing); what it holds is dropped. */
  void close() {
    end(End.CLOSED);
  }

  /** When a frame last finished leaving (or when the queue was made, before any did). */
  long lastSentNanos() {
    return lastSentNanos;
  }

  /** Frames waiting or in flight, states included. */
  synchronized int messages() {
    return waiting.size() + (inFlight == null ? 0 : 1);
  }

  synchronized long bytes() {
    return queuedBytes;
  }

  /** The most this queue has held at once, in bytes (it never exceeds the cap). */
  synchronized long peakBytes() {
    return peakBytes;
  }

  /** What made a send fail ({@link End#SEND_FAILED}), or null. */
  synchronized Throwable failure() {
    return failure;
  }

  /** Why the queue ended, or null while it runs. */
  synchronized End ended() {
    return ended;
  }

  synchronized boolean hasEnded() {
    return ended != null;
  }

  private void drain() {
    List<Frame> parts;
    Frame sending;
    synchronized (this) {
      drainScheduled = false;
      if (ended != null || inFlight != null || waiting.isEmpty()) {
        return;
      }
      parts = waiting.takeBatch();
      sending = parts.size() == 1 ? parts.get(0) : new Frame(null, Lanes.bytesOf(parts));
      inFlight = sending;
      inFlightSince = nanoTime.getAsLong();
    }
    var text = parts.size() == 1 ? sending.text() : Lanes.batchText(parts);
    try {
      transport.sendText(text, failure -> completed(sending, failure));
    } catch (RuntimeException e) {
      completed(sending, e);
    }
  }

  private void completed(Frame frame, Throwable failure) {
    boolean schedule;
    synchronized (this) {
      if (inFlight != frame) {
        return; // reported twice, or the queue ended meanwhile
      }
      inFlight = null;
      queuedBytes -= frame.bytes();
      if (failure == null) {
        lastSentNanos = nanoTime.getAsLong();
      }
      schedule = failure == null && ended == null && startDrainLocked();
    }
    if (failure != null) {
      end(End.SEND_FAILED, failure);
    } else if (schedule) {
      scheduleDrain();
    }
  }

  /** Claims the next drain if one is needed and none is pending; call with the lock held. */
  private boolean startDrainLocked() {
    if (drainScheduled || inFlight != null || waiting.isEmpty()) {
      return false;
    }
    drainScheduled = true;
    return true;
  }

  private void scheduleDrain() {
    try {
      drainer.execute(this::drain);
    } catch (RejectedExecutionException e) {
      end(End.SEND_FAILED, e); // the application is stopping
    }
  }

  private void end(End why) {
    end(why, null);
  }

  private void end(End why, Throwable cause) {
    synchronized (this) {
      if (ended != null) {
        return;
      }
      ended = why;
      failure = cause;
      waiting.clear();
      queuedBytes = inFlight == null ? 0 : inFlight.bytes();
    }
    onEnd.accept(why);
  }

  /** UTF-8 length without encoding: what the frame costs on the wire and, roughly, in memory. */
  static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
