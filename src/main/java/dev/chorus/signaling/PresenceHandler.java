package dev.chorus.signaling;

import dev.chorus.im.presence.PresenceService;
import dev.chorus.im.presence.PresenceStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/** {@code presence.set}: a user chooses online, away or do-not-disturb. */
@ApplicationScoped
public class PresenceHandler implements SocketHandler {
  @Inject PresenceService presence;

  @Override
  public Set<String> types() {
    return Set.of("presence.set");
  }

  @Override
  public void handle(Connection from, Envelope message) throws SocketError {
    var wire = Fields.string(message, "status");
    var status =
        PresenceStatus.choosable(wire)
            .orElseThrow(
                () ->
                    new SocketError(
                        message.id(), "bad_request", "'status' must be online, away or dnd."));
    presence.setStatus(from.accountId(), status);
    from.send(message.reply("ack").build());
  }
}
