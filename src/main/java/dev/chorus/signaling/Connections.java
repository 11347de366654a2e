package dev.chorus.signaling;

import dev.chorus.im.session.SessionRevoked;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.websocket.CloseReason;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every open socket, by account: the one place that knows which tabs a user has open. */
@ApplicationScoped
public class Connections {
  private final Map<String, Set<Connection>> byAccount = new ConcurrentHashMap<>();

  /** Adds a socket; true if it is the account's first open one. */
  boolean add(Connection c) {
    var first = new boolean[1];
    byAccount.compute(
        c.accountId(),
        (id, set) -> {
          var s = set == null ? ConcurrentHashMap.<Connection>newKeySet() : set;
          first[0] = s.isEmpty();
          s.add(c);
          return s;
        });
    return first[0];
  }

  /** Removes a socket; true if it was the account's last open one. */
  boolean remove(Connection c) {
    var last = new boolean[1];
    byAccount.computeIfPresent(
        c.accountId(),
        (id, set) -> {
          last[0] = set.remove(c) && set.isEmpty();
          return set.isEmpty() ? null : set;
        });
    return last[0];
  }

  public List<Connection> of(String accountId) {
    var set = byAccount.get(accountId);
    return set == null ? List.of() : List.copyOf(set);
  }

  public boolean isOnline(String accountId) {
    return byAccount.containsKey(accountId);
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
