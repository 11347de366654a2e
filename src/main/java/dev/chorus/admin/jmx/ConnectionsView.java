package dev.chorus.admin.jmx;

import dev.chorus.im.presence.PresenceService;
import dev.chorus.signaling.Connections;
import java.util.List;
import java.util.logging.Logger;

/** {@link ConnectionsMXBean} over the open sockets and presence. */
final class ConnectionsView implements ConnectionsMXBean {
  /** WebSocket close code 1008 (policy violation), as for a revoked session. */
  static final int POLICY = 1008;

  private static final Logger LOG = Logger.getLogger(ConnectionsView.class.getName());

  private final Connections connections;
  private final PresenceService presence;

  ConnectionsView(Connections connections, PresenceService presence) {
    this.connections = connections;
    this.presence = presence;
  }

  @Override
  public int getOpenSockets() {
    return connections.stats().open();
  }

  @Override
  public int getUnauthenticatedSockets() {
    return connections.stats().unauthenticated();
  }

  @Override
  public int getUsersOnline() {
    return presence.online().size();
  }

  @Override
  public List<String> getOnlineUsernames() {
    return presence.online().stream().map(u -> u.user().username()).sorted().toList();
  }

  @Override
  public long getQueuedBytes() {
    return connections.stats().queuedBytes();
  }

  @Override
  public long getClosedTooSlow() {
    return connections.stats().closedTooSlow();
  }

  @Override
  public int disconnectUser(String username) {
    if (username == null || username.isBlank()) {
      throw new IllegalArgumentException("a username is required");
    }
    var tabs =
        connections.all().stream().filter(c -> c.user().username().equals(username)).toList();
    int closed = 0;
    for (var c : tabs) {
      try {
        c.close(POLICY, "disconnected by an administrator");
        closed++;
      } catch (RuntimeException e) {
        // One socket failing to close must not keep the user's other tabs open.
        LOG.warning("could not close socket " + c.id() + ": " + e);
      }
    }
    int count = closed;
    LOG.info(() -> "JMX: disconnected " + username + " (" + count + " socket(s))");
    return closed;
  }
}
