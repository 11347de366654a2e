package dev.chorus.signaling.call;

import dev.chorus.im.call.OpenTabs;
import dev.chorus.signaling.Connections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The domain asks whether a callee can ring; the open sockets know. */
@ApplicationScoped
public class ConnectedTabs implements OpenTabs {
  @Inject Connections connections;

  @Override
  public boolean anyOpen(String accountId) {
    return !connections.of(accountId).isEmpty();
  }
}
