package dev.chorus.signaling;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * {@code auth} after the socket has authenticated: a socket belongs to one session for its whole
 * life, so a second {@code auth} is an error (log in again on a new socket to switch accounts). The
 * first {@code auth} is handled by {@link ChorusSocket} before anything is routed.
 */
@ApplicationScoped
public class AuthHandler implements SocketHandler {
  @Override
  public Set<String> types() {
    return Set.of("auth");
  }

  @Override
  public void handle(Connection from, Envelope message) throws SocketError {
    throw new SocketError(
        message.id(), "already_authenticated", "This socket is already authenticated.");
  }
}
