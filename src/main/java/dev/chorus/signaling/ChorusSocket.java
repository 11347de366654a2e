package dev.chorus.signaling;

import dev.chorus.im.account.UserRef;
import dev.chorus.im.presence.PresenceService;
import dev.chorus.im.session.SessionService;
import jakarta.inject.Inject;
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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /ws}: one socket per browser tab, authenticated by its first message {@code
 * {"type":"auth","token":"<session token>"}} (never by the URL, which access logs and proxies
 * record).
 *
 * <p>Until it has authenticated a socket can send nothing else; a wrong first message, a missing,
 * unknown, expired or revoked token, a token in the URL, one socket too many for the user, or no
 * {@code auth} within {@code chorus.socket.auth-timeout} ({@link Heartbeat}) closes it with 1008
 * (policy violation) and a reason the page can show. After that each text frame is a JSON {@link
 * Envelope} routed by type to a {@link SocketHandler}; failures answer with an error message and
 * never close the socket.
 */
@ServerEndpoint(value = "/ws", configurator = HandshakeDetails.Configurator.class)
public class ChorusSocket {
  static final int MAX_MESSAGE_BYTES = 64 * 1024;
  static final String AUTH_FIRST = "send {\"type\":\"auth\",\"token\":...} as the first message";
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
    if (session.getRequestParameterMap().containsKey("token")) {
      refuse(session, CloseCodes.VIOLATED_POLICY, "?token= is no longer accepted: " + AUTH_FIRST);
      return;
    }
    var connection = connections.open(new SessionPeer(session));
    if (connection.isEmpty()) {
      refuse(session, CloseCodes.TRY_AGAIN_LATER, "server busy: too many unauthenticated sockets");
      return;
    }
    session.getUserProperties().put(CONNECTION, connection.get());
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
    if (connection == null || connection.isClosing()) {
      return; // refused or closing; the close is on its way
    }
    connection.touch();
    if (!connection.isAuthenticated()) {
      authenticate(connection, text);
      return;
    }
    if (connection.isExpiredAt(clock.instant())) {
      connection.close(Connection.POLICY, "session expired: log in again");
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

  private void authenticate(Connection connection, String text) {
    Envelope auth;
    try {
      auth = Envelope.parse(text);
    } catch (SocketError e) {
      auth = null;
    }
    if (auth == null || !auth.type().equals("auth")) {
      connection.close(Connection.POLICY, "not authenticated: " + AUTH_FIRST);
      return;
    }
    var token = auth.body().getString("token", null);
    if (token == null || token.isBlank()) {
      connection.close(Connection.POLICY, "missing session token: " + AUTH_FIRST);
      return;
    }
    var verified = sessions.verify(token);
    if (verified.isEmpty()) {
      connection.close(Connection.POLICY, "invalid or expired session token");
      return;
    }
    var user = UserRef.of(verified.get().account());
    var who = new Connection.Identity(user, verified.get().tokenHash(), verified.get().expiresAt());
    // Registered before the welcome, so whoever learns of this tab can reach it at once.
    if (!connections.register(connection, who)) {
      connection.close(
          Connection.POLICY,
          "too many open tabs: at most " + connections.maxPerUser() + " sockets per user");
      return;
    }
    connection.send(
        auth.reply("welcome")
            .add("accountId", user.id())
            .add("username", user.username())
            .add("displayName", user.displayName())
            .build());
    var others = presence.online().stream().filter(o -> !o.user().id().equals(user.id())).toList();
    for (var page : PresenceSnapshot.pages(others)) {
      connection.send(page);
    }
  }

  @OnClose
  public void close(Session session, CloseReason reason) {
    var connection = (Connection) session.getUserProperties().remove(CONNECTION);
    if (connection != null) {
      connection.closedByPeer();
      connections.unregister(connection);
    }
  }

  @OnError
  public void error(Session session, Throwable error) {
    LOG.log(Level.FINE, "socket " + session.getId() + " failed", error);
  }

  /** Refuses a socket that never became a connection (nothing queued for it yet). */
  private static void refuse(Session session, CloseCodes code, String reason) {
    try {
      session.close(new CloseReason(code, reason));
    } catch (java.io.IOException e) {
      LOG.log(Level.FINE, "could not close refused socket", e);
    }
  }
}
