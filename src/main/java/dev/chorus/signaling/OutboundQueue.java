package dev.chorus.signaling;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * {@code drainer} ({@link SocketDrainers}): a drain task hands ONE frame to the {@link Transport},
 * which sends it asynchronously; its completion schedules the next drain task. So at most one frame
 * is in flight, a stuck peer holds no thread, and completion callbacks (which may run inside the
 * transport's own call) never recurse into the transport.
 *
 * <p>Why not a blocking send per socket on a pool: a peer that stops reading would hold a pool
 * thread each, and a few of them would starve every other socket. Why not the transport's own async
 * queue: it is unbounded, which is the memory leak this class exists to prevent.
 *
 * <p>Two lanes. {@link #offer} appends a message (a chat line, a reply, a notice): each one is
 * sent, in order. {@link #offerLatest} puts a <em>state</em> under a key (someone's presence, a
 * room's viewer count): only the newest state per key is worth sending, so a newer one replaces a
 * queued one in place. States leave when no message waits, but never after more than {@link
 * #MESSAGES_BEFORE_A_STATE} messages in a row. So a tab behind on 1,000 users' comings and goings
 * holds at most one frame per user, and chat overtakes it; and the last state sent for a key is the
 * newest one offered.
 *
 * <p>Batches. When more than one frame waits, the drain sends those that fit ({@link
 * #MAX_BATCH_FRAMES}, {@link #MAX_BATCH_BYTES}) as one {@code batch} message, in the order they
 * would have left one by one. Writing a frame costs a TLS record and a system call whatever its
 * size, so a tab that fell behind (a burst of arrivals in a room of 1,000) catches up many times
 * faster; a tab that keeps up still gets each message on its own, as soon as it is queued.
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

  /** States wait behind messages, but a steady stream of messages does not starve them. */
  static final int MESSAGES_BEFORE_A_STATE = 16;

  /** A batch holds at most this many frames... */
  static final int MAX_BATCH_FRAMES = 64;

  /** ...and at most this many bytes (one TLS record); a bigger frame goes alone. */
  static final long MAX_BATCH_BYTES = 16 * 1024;

  /** How a batch starts; the frames it holds follow, separated by commas, then {@code ]}}. */
  static final String BATCH_OPEN = "{\"type\":\"batch\",\"messages\":[";

  /** A frame waiting or in flight; a batch in flight has no text of its own. */
  private record Frame(String text, long bytes) {}

  private final Limits limits;
  private final Transport transport;
  private final Executor drainer;
  private final LongSupplier nanoTime;
  private final Consumer<End> onEnd;

  private final ArrayDeque<Frame> queue = new ArrayDeque<>();
  private final LinkedHashMap<String, Frame> states = new LinkedHashMap<>();
  private int messagesInARow;
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
   * Appends a text frame and returns at once. Returns false if the queue has ended (this frame
   * ended it, or an earlier reason did); the frame is dropped then.
   */
  boolean offer(String text) {
    var frame = new Frame(text, utf8Length(text));
    boolean schedule;
    synchronized (this) {
      if (ended != null) {
        return false;
      }
      if (queue.size() + (inFlight == null ? 0 : 1) >= limits.maxMessages()
          || queuedBytes + frame.bytes() > limits.maxBytes()) {
        schedule = false;
      } else {
        queue.add(frame);
        queuedBytes += frame.bytes();
        peakBytes = Math.max(peakBytes, queuedBytes);
        schedule = startDrainLocked();
        frame = null;
      }
    }
    if (frame != null) {
      end(End.OVERFLOW);
      return false;
    }
    if (schedule) {
      scheduleDrain();
    }
    return true;
  }

  /**
   * Queues a state under {@code key}, replacing a state still queued under the same key (it keeps
   * that one's place); returns at once. Returns false if the queue has ended.
   */
  boolean offerLatest(String key, String text) {
    var frame = new Frame(text, utf8Length(text));
    boolean schedule;
    synchronized (this) {
      if (ended != null) {
        return false;
      }
      var replaced = states.get(key);
      long bytesAfter = queuedBytes + frame.bytes() - (replaced == null ? 0 : replaced.bytes());
      if (bytesAfter > limits.maxBytes()) {
        schedule = false;
      } else {
        states.put(key, frame);
        queuedBytes = bytesAfter;
        peakBytes = Math.max(peakBytes, queuedBytes);
        schedule = startDrainLocked();
        frame = null;
      }
    }
    if (frame != null) {
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
      if (ended != null || inFlight != null || !queue.isEmpty() || !states.isEmpty()) {
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
    return queue.size() + states.size() + (inFlight == null ? 0 : 1);
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
      if (ended != null || inFlight != null || (queue.isEmpty() && states.isEmpty())) {
        return;
      }
      parts = takeBatchLocked();
      sending = parts.size() == 1 ? parts.get(0) : new Frame(null, bytesOf(parts));
      inFlight = sending;
      inFlightSince = nanoTime.getAsLong();
    }
    var text = parts.size() == 1 ? sending.text() : batchText(parts);
    try {
      transport.sendText(text, failure -> completed(sending, failure));
    } catch (RuntimeException e) {
      completed(sending, e);
    }
  }

  /**
   * The next frame and, if more wait, those after it that fit one batch ({@link #MAX_BATCH_FRAMES},
   * {@link #MAX_BATCH_BYTES}): a tab that fell behind catches up with one TLS record and one write
   * per batch instead of one per message. Call with the lock held.
   */
  private List<Frame> takeBatchLocked() {
    var first = nextLocked();
    if (queue.isEmpty() && states.isEmpty()) {
      return List.of(first);
    }
    var parts = new ArrayList<Frame>();
    parts.add(first);
    long bytes = first.bytes();
    while (parts.size() < MAX_BATCH_FRAMES && !(queue.isEmpty() && states.isEmpty())) {
      var next = peekLocked();
      if (bytes + next.bytes() > MAX_BATCH_BYTES) {
        break;
      }
      parts.add(nextLocked());
      bytes += next.bytes();
    }
    return parts;
  }

  private static long bytesOf(List<Frame> parts) {
    long n = 0;
    for (var f : parts) {
      n += f.bytes();
    }
    return n;
  }

  /** Messages already serialized, wrapped in one {@code batch} message without parsing them. */
  private static String batchText(List<Frame> parts) {
    var text = new StringBuilder((int) Math.min(Integer.MAX_VALUE, bytesOf(parts) + 64));
    text.append(BATCH_OPEN);
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(parts.get(i).text());
    }
    return text.append("]}").toString();
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

  /** What {@link #nextLocked} would take, left in place. */
  private Frame peekLocked() {
    return stateIsNextLocked() ? states.values().iterator().next() : queue.peek();
  }

  /** Messages first, but a state after {@link #MESSAGES_BEFORE_A_STATE} of them in a row. */
  private boolean stateIsNextLocked() {
    return !states.isEmpty() && (queue.isEmpty() || messagesInARow >= MESSAGES_BEFORE_A_STATE);
  }

  private Frame nextLocked() {
    if (stateIsNextLocked()) {
      messagesInARow = 0;
      var oldest = states.entrySet().iterator();
      var state = oldest.next().getValue();
      oldest.remove();
      return state;
    }
    messagesInARow++;
    return queue.poll();
  }

  /** Claims the next drain if one is needed and none is pending; call with the lock held. */
  private boolean startDrainLocked() {
    if (drainScheduled || inFlight != null || (queue.isEmpty() && states.isEmpty())) {
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
      queue.clear();
      states.clear();
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
