package dev.chorus.signaling;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A container WebSocket session as a {@link SocketPeer}: async text sends, pings, close. Text sends
 * run under a {@link SendClassLoader}, which spares the container a class-path walk per frame;
 * pings do not.
 */
final class SessionPeer implements SocketPeer {
  private static final Logger LOG = Logger.getLogger(SessionPeer.class.getName());
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final Session session;
  private final String address;
  private final String userAgent;

  SessionPeer(Session session) {
    this.session = session;
    var props = session.getUserProperties();
    this.address = (String) props.get(HandshakeDetails.ADDRESS);
    this.userAgent = (String) props.get(HandshakeDetails.USER_AGENT);
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public String userAgent() {
    return userAgent;
  }

  @Override
  public String id() {
    return session.getId();
  }

  @Override
  public void sendText(String text, Consumer<Throwable> done) {
    if (!session.isOpen()) {
      done.accept(new IOException("socket closed"));
      return;
    }
    // The completion runs with the caller's context loader, whichever thread reports it.
    var caller = Thread.currentThread().getContextClassLoader();
    SendHandler handler = result -> withLoader(caller, () -> done.accept(result.getException()));
    try {
      SendClassLoader.around(() -> session.getAsyncRemote().sendText(text, handler));
    } catch (IOException e) {
      done.accept(e); // not thrown by an async send; the signature allows it
    }
  }

  private static void withLoader(ClassLoader loader, Runnable task) {
    var thread = Thread.currentThread();
    var before = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      task.run();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  @Override
  public void sendPing() throws IOException {
    if (session.isOpen()) {
      // Not under a SendClassLoader on purpose: a cheap ping lets a beat's pings out within
      // milliseconds, and their pongs, which pay the class-path walk on the container's read side,
      // then overflow its worker queue at 10,000 sockets (bench/README.md, "10,000 sockets").
      session.getAsyncRemote().sendPing(EMPTY.duplicate());
    }
  }

  @Override
  public void close(int code, String reason) {
    try {
      if (session.isOpen()) {
        session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "close failed on socket " + id(), e);
    }
  }
}
