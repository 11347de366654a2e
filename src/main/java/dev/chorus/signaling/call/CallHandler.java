package dev.chorus.signaling.call;

import dev.chorus.signaling.Connection;
import dev.chorus.signaling.Envelope;
import dev.chorus.signaling.Fields;
import dev.chorus.signaling.SocketError;
import dev.chorus.signaling.SocketHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.Set;

/** Reads call messages and hands them to the {@link CallService}. */
@ApplicationScoped
public class CallHandler implements SocketHandler {
  @Inject CallService calls;

  @Override
  public Set<String> types() {
    return Set.of(
        "call.invite", "call.accept", "call.reject", "call.cancel", "call.hangup", "call.signal");
  }

  @Override
  public void handle(Connection from, Envelope m) throws SocketError {
    switch (m.type()) {
      case "call.invite" -> {
        var media = Fields.optionalString(m, "media");
        if (media == null) {
          media = "video";
        }
        if (!media.equals("audio") && !media.equals("video")) {
          throw new SocketError(m.id(), "bad_request", "'media' must be audio or video.");
        }
        calls.invite(from, m, Fields.string(m, "to"), media);
      }
      case "call.accept" -> calls.accept(from, m, Fields.string(m, "callId"));
      case "call.reject" -> calls.reject(from, m, Fields.string(m, "callId"));
        // Cancelling is hanging up before the callee answered; both end the caller's call.
      case "call.cancel", "call.hangup" ->
          calls.hangup(
              from,
              m,
              Fields.string(m, "callId"),
              "failed".equals(Fields.optionalString(m, "reason")));
      case "call.signal" -> {
        if (!(m.body().get("signal") instanceof JsonObject signal)) {
          throw new SocketError(m.id(), "bad_request", "'signal' must be an object.");
        }
        calls.signal(from, m, Fields.string(m, "callId"), signal);
      }
      default -> throw new IllegalArgumentException(m.type());
    }
  }
}
