package dev.chorus.signaling;

import dev.chorus.im.presence.PresenceService;
import dev.chorus.im.session.SessionRevoked;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every open socket, by account: the one place that knows which tabs a user has open. Registering
 * and unregistering a socket also tells presence, and unregistering announces {@link SocketClosed}
 * once, however many times it is called (close handler, heartbeat, failed send).
 */
@ApplicationScoped
public class Connections {
  private final Map<String, Set<Connection>> byAccount = new ConcurrentHashMap<>();
  private final Map<String, Connection> byId = new ConcurrentHashMap<>();

  @Inject PresenceService presence;
  @Inject Event<SocketClosed> closed;

  void register(Connection c) {
    byAccount.computeIfAbsent(c.accountId(), id -> ConcurrentHashMap.newKeySet()).add(c);
    byId.put(c.id(), c);
    presence.connected(c.user());
  }

  void unregister(Connection c) {
    var removed = new boolean[1];
    byAccount.computeIfPresent(
        c.accountId(),
        (id, set) -> {
          removed[0] = set.remove(c);
          return set.isEmpty() ? null : set;
        });
    if (removed[0]) {
      byId.remove(c.id());
      presence.disconnected(c.accountId());
      closed.fire(new SocketClosed(c));
    }
  }

  /** The open tabs of one account. */
  public List<Connection> of(String accountId) {
    var set = byAccount.get(accountId);
    return set == null ? List.of() : List.copyOf(set);
  }

  /** The open tab with this socket id, if it is still open. */
  public java.util.Optional<Connection> byId(String tabId) {
    return java.util.Optional.ofNullable(byId.get(tabId));
  }

  /** Every open socket. */
  public List<Connection> all() {
    return byAccount.values().stream().flatMap(Set::stream).toList();
  }

  /** Sends to every tab of the account, except {@code skip} (may be null). */
  public void sendTo(String accountId, JsonObject message, Connection skip) {
    for (var c : of(accountId)) {
      if (c != skip) {
        c.send(message);
      }
    }
  }

  /** Logging out closes that session's sockets at once, not at their next message. */
  void onRevoked(@ObservesAsync SessionRevoked event) {
    for (var c : of(event.accountId())) {
      if (c.tokenHash().equals(event.tokenHash())) {
        c.close(CloseReason.CloseCodes.VIOLATED_POLICY, "logged out");
      }
    }
  }
}
