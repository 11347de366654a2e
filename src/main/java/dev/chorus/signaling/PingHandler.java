package dev.chorus.signaling;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Set;

/**
 * Application-level ping: {@code {"type":"ping","id":"p1"}} answers {@code
 * {"type":"pong","id":"p1","serverTime":"..."}}. Browsers cannot send WebSocket ping frames, so the
 * page uses this to notice a dead connection quickly.
 */
@ApplicationScoped
public class PingHandler implements SocketHandler {
  @Inject Clock clock;

  @Override
  public Set<String> types() {
    return Set.of("ping");
  }

  @Override
  public void handle(Connection from, Envelope message) {
    from.send(message.reply("pong").add("serverTime", clock.instant().toString()).build());
  }
}
