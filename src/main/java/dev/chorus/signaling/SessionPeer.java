package dev.chorus.signaling;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A container WebSocket session as a {@link SocketPeer}: async text sends, pings, close. */
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
    session.getAsyncRemote().sendText(text, result -> done.accept(result.getException()));
  }

  @Override
  public void sendPing() throws IOException {
    if (session.isOpen()) {
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
