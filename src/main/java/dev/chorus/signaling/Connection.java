package dev.chorus.signaling;

import dev.chorus.im.account.UserRef;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * One open browser tab: its socket and, once it has authenticated, whose it is. The account is
 * fixed by the tab's {@code auth} message, so every later message on this socket is stamped with it
 * and no client can claim to be someone else.
 *
 * <p>Sending never blocks and never sends on the caller's thread: {@link #send} only appends to the
 * tab's bounded {@link OutboundQueue}. Closing does not block either: the connection stops taking
 * messages at once, and a pool thread unregisters it (presence, calls, rooms learn it is gone) and
 * then sends the close frame.
 */
public final class Connection {
  private static final Logger LOG = Logger.getLogger(Connection.class.getName());

  /** Close codes this layer uses (RFC 6455). */
  static final int GOING_AWAY = 1001;

  static final int POLICY = 1008;
  static final int SERVER_ERROR = 1011;
  static final int TRY_AGAIN_LATER = 1013;

  /** Who a socket belongs to, from the token it authenticated with. */
  record Identity(UserRef user, String tokenHash, Instant expiresAt) {}

  private final SocketPeer peer;
  private final OutboundQueue out;
  private final Executor executor;
  private final Consumer<Connection> onClose;
  private final LongSupplier nanoTime;
  private final long openedNanos;
  private final Instant openedAt = Instant.now();
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile Identity identity;
  private volatile long lastSeenNanos;
  private volatile long lastPingNanos;

  /**
   * @param executor drains the outbound queue and runs the close ({@link SocketDrainers})
   * @param onClose called once, on the executor, when this connection closes itself (unregister)
   */
  Connection(
      SocketPeer peer,
      OutboundQueue.Limits limits,
      Executor executor,
      LongSupplier nanoTime,
      Consumer<Connection> onClose) {
    this.peer = peer;
    this.executor = executor;
    this.onClose = onClose;
    this.nanoTime = nanoTime;
    this.out = new OutboundQueue(limits, peer, executor, nanoTime, this::queueEnded);
    this.openedNanos = nanoTime.getAsLong();
    this.lastSeenNanos = openedNanos;
    this.lastPingNanos = openedNanos;
  }

  public String id() {
    return peer.id();
  }

  /** When the socket opened (wall clock, for operators). */
  public Instant openedAt() {
    return openedAt;
  }

  /** Where the socket came from, or null if the container did not tell ({@link SocketPeer}). */
  public String address() {
    return peer.address();
  }

  /** The browser's User-Agent at the handshake, or null. */
  public String userAgent() {
    return peer.userAgent();
  }

  /** The account that authenticated this socket. */
  public UserRef user() {
    return identity().user();
  }

  public String accountId() {
    return user().id();
  }

  boolean isAuthenticated() {
    return identity != null;
  }

  void authenticated(Identity who) {
    identity = who;
  }

  String tokenHash() {
    return identity().tokenHash();
  }

  boolean isExpiredAt(Instant now) {
    return !now.isBefore(identity().expiresAt());
  }

  long openForNanos(long nowNanos) {
    return nowNanos - openedNanos;
  }

  /** Anything arrived from the client (a message or a pong): it is alive. */
  void touch() {
    lastSeenNanos = nanoTime.getAsLong();
  }

  /**
   * How long since the socket last showed it is alive: a frame from the client, or a frame of ours
   * that left. A busy socket is not pinged ({@link OutboundQueue#pingIfIdle}), so without the
   * second a tab that only receives (a busy room, everyone's presence) was closed as silent after
   * three beats. A peer that stops reading stalls its sends instead, which the send timeout ends.
   */
  long silentForNanos(long nowNanos) {
    return nowNanos - Math.max(lastSeenNanos, out.lastSentNanos());
  }

  /**
   * Queues one JSON message and returns at once. If the tab is too far behind (its queue is full)
   * the message is dropped and the tab is closed with 1013, like any lost tab; it reconnects and
   * gets a fresh snapshot.
   */
  public void send(JsonObject message) {
    out.offer(message.toString());
  }

  /** {@link #send(JsonObject)} of a message already serialized (one text for many tabs). */
  void sendText(String text) {
    out.offer(text);
  }

  /**
   * Queues a state already serialized under {@code key}: a newer state for the same key replaces
   * this one while it waits, and messages go ahead of it ({@link OutboundQueue#offerLatest}).
   */
  void sendLatest(String key, String text) {
    out.offerLatest(key, text);
  }

  /**
   * Pings the peer if nothing else is on its way (see {@link OutboundQueue#pingIfIdle}); returns
   * whether it did.
   */
  boolean ping() {
    if (!out.pingIfIdle()) {
      return false;
    }
    lastPingNanos = nanoTime.getAsLong();
    return true;
  }

  /** How long since the heartbeat last pinged it (since it opened, if never). */
  long sincePingNanos(long nowNanos) {
    return nowNanos - lastPingNanos;
  }

  /** Closes the tab if its frame in flight has been stuck past the send timeout. */
  boolean closeIfStalled(long nowNanos) {
    return out.stalledAt(nowNanos); // the queue's end closes the connection
  }

  /** What the tab's queue holds now, frame in flight included. */
  int queuedMessages() {
    return out.messages();
  }

  long queuedBytes() {
    return out.bytes();
  }

  long peakQueuedBytes() {
    return out.peakBytes();
  }

  /** Why its queue ended (too slow, send failed, closed), or null while it is open. */
  OutboundQueue.End queueEnd() {
    return out.ended();
  }

  boolean isClosing() {
    return closing.get();
  }

  /**
   * Closes the socket with a code and a reason the page can show; returns at once. The connection
   * is unregistered before the close frame goes out, so a peer that never answers cannot keep its
   * user online.
   */
  public void close(int code, String reason) {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    out.close();
    Runnable task =
        () -> {
          try {
            onClose.accept(this);
          } finally {
            peer.close(code, reason);
          }
        };
    try {
      executor.execute(task);
    } catch (RejectedExecutionException stopping) {
      task.run(); // the application is going down: nobody to block
    }
  }

  /** The container reports the socket closed: take nothing more; the caller unregisters. */
  void closedByPeer() {
    closing.set(true);
    out.close();
  }

  private void queueEnded(OutboundQueue.End why) {
    if (why != OutboundQueue.End.CLOSED) {
      // Rare and worth an operator's eye: a tab that could not keep up, or a broken socket.
      var cause = out.failure();
      LOG.info(
          () -> "closing socket " + id() + ": " + why.reason + (cause == null ? "" : ": " + cause));
    }
    switch (why) {
      case OVERFLOW, SEND_TIMEOUT -> close(TRY_AGAIN_LATER, why.reason);
      case SEND_FAILED -> close(SERVER_ERROR, why.reason);
      case CLOSED -> {
        // ended by close() or closedByPeer(): nothing more to do
      }
    }
  }

  private Identity identity() {
    var who = identity;
    if (who == null) {
      throw new IllegalStateException("socket " + id() + " has not authenticated");
    }
    return who;
  }
}
