package dev.chorus.signaling;

import dev.chorus.im.account.UserRef;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open browser tab: its socket and whose it is. The account is fixed at connect time from the
 * session token, so every message on this socket is stamped with it and no client can claim to be
 * someone else.
 */
public final class Connection {
  private static final Logger LOG = Logger.getLogger(Connection.class.getName());

  private final Session session;
  private final UserRef user;
  private final String tokenHash;
  private final Instant expiresAt;
  private volatile long lastSeenNanos = System.nanoTime();

  Connection(Session session, UserRef user, String tokenHash, Instant expiresAt) {
    this.session = session;
    this.user = user;
    this.tokenHash = tokenHash;
    this.expiresAt = expiresAt;
  }

  public String id() {
    return session.getId();
  }

  /** The account that opened this socket. */
  public UserRef user() {
    return user;
  }

  public String accountId() {
    return user.id();
  }

  String tokenHash() {
    return tokenHash;
  }

  boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** Anything arrived from the client (a message or a pong): it is alive. */
  void touch() {
    lastSeenNanos = System.nanoTime();
  }

  long silentForNanos(long nowNanos) {
    return nowNanos - lastSeenNanos;
  }

  /**
   * Sends one JSON message. Serialised per connection because a WebSocket session allows one send
   * at a time; a failed send closes the socket, and the close handler cleans up.
   */
  public void send(JsonObject message) {
    synchronized (session) {
      if (!session.isOpen()) {
        return;
      }
      try {
        session.getBasicRemote().sendText(message.toString());
      } catch (IOException | IllegalStateException e) {
        LOG.log(Level.FINE, "send failed on socket " + id() + ", closing it", e);
        close(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "send failed");
      }
    }
  }

  /** A WebSocket ping frame; browsers answer it with a pong by themselves. */
  void ping() {
    synchronized (session) {
      if (!session.isOpen()) {
        return;
      }
      try {
        session.getBasicRemote().sendPing(ByteBuffer.allocate(0));
      } catch (IOException | IllegalStateException e) {
        LOG.log(Level.FINE, "ping failed on socket " + id(), e);
        close(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "ping failed");
      }
    }
  }

  public void close(CloseReason.CloseCode code, String reason) {
    try {
      if (session.isOpen()) {
        session.close(new CloseReason(code, reason));
      }
    } catch (IOException e) {
      LOG.log(Level.FINE, "close failed on socket " + id(), e);
    }
  }
}
