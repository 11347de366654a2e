package dev.chorus.signaling;

import dev.chorus.im.account.UserRef;
import dev.chorus.im.presence.PresenceService;
import dev.chorus.im.session.SessionService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.time.Clock;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /ws?token=<session token>}: one socket per browser tab.
 *
 * <p>The token is checked on open; a missing, unknown, expired or revoked one closes the socket
 * with 1008 (policy violation) and a reason the page can show. Each text frame is a JSON {@link
 * Envelope} routed by type to a {@link SocketHandler}; failures answer with an error message and
 * never close the socket.
 */
@ServerEndpoint("/ws")
public class ChorusSocket {
  static final int MAX_MESSAGE_BYTES = 64 * 1024;
  private static final Logger LOG = Logger.getLogger(ChorusSocket.class.getName());
  private static final String CONNECTION = "chorus.connection";

  @Inject SessionService sessions;
  @Inject Connections connections;
  @Inject PresenceService presence;
  @Inject SocketRouter router;
  @Inject Clock clock;

  @OnOpen
  public void open(Session session) {
    session.setMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
    var token = first(session.getRequestParameterMap().get("token"));
    if (token == null) {
      refuse(session, "missing session token: connect to /ws?token=<token>");
      return;
    }
    var auth = sessions.verify(token);
    if (auth.isEmpty()) {
      refuse(session, "invalid or expired session token");
      return;
    }
    var user = UserRef.of(auth.get().account());
    var connection = new Connection(session, user, auth.get().tokenHash(), auth.get().expiresAt());
    session.getUserProperties().put(CONNECTION, connection);
    // Registered before the welcome, so whoever learns of this tab can reach it at once.
    connections.register(connection);
    connection.send(
        Wire.push("welcome")
            .add("accountId", user.id())
            .add("username", user.username())
            .add("displayName", user.displayName())
            .build());
    var others = Json.createArrayBuilder();
    for (var online : presence.online()) {
      if (!online.user().id().equals(user.id())) {
        others.add(Wire.onlineUser(online));
      }
    }
    connection.send(Wire.push("presence.snapshot").add("users", others).build());
  }

  @OnMessage
  public void pong(Session session, PongMessage pong) {
    var connection = (Connection) session.getUserProperties().get(CONNECTION);
    if (connection != null) {
      connection.touch();
    }
  }

  @OnMessage(maxMessageSize = MAX_MESSAGE_BYTES)
  public void message(Session session, String text) {
    var connection = (Connection) session.getUserProperties().get(CONNECTION);
    if (connection == null) {
      return; // refused on open; the close is on its way
    }
    connection.touch();
    if (connection.isExpiredAt(clock.instant())) {
      connection.close(CloseCodes.VIOLATED_POLICY, "session expired: log in again");
      return;
    }
    Envelope envelope = null;
    try {
      envelope = Envelope.parse(text);
      router.route(connection, envelope);
    } catch (SocketError e) {
      connection.send(e.toJson());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "handler failed on socket " + connection.id(), e);
      // With the request's id: the page must learn that this request failed (e.g. no ack coming).
      var id = envelope == null ? null : envelope.id();
      connection.send(
          new SocketError(id, "internal", "The server could not handle that message.").toJson());
    }
  }

  @OnClose
  public void close(Session session, CloseReason reason) {
    var connection = (Connection) session.getUserProperties().remove(CONNECTION);
    if (connection != null) {
      connections.unregister(connection);
    }
  }

  @OnError
  public void error(Session session, Throwable error) {
    LOG.log(Level.FINE, "socket " + session.getId() + " failed", error);
  }

  private static void refuse(Session session, String reason) {
    try {
      session.close(new CloseReason(CloseCodes.VIOLATED_POLICY, reason));
    } catch (java.io.IOException e) {
      LOG.log(Level.FINE, "could not close refused socket", e);
    }
  }

  private static String first(List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
