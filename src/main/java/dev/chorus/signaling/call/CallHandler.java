package dev.chorus.signaling.call;

import dev.chorus.im.call.CallEvent;
import dev.chorus.im.call.CallId;
import dev.chorus.im.call.CallMedia;
import dev.chorus.im.call.CallService;
import dev.chorus.im.call.Party;
import dev.chorus.signaling.Connection;
import dev.chorus.signaling.Connections;
import dev.chorus.signaling.Envelope;
import dev.chorus.signaling.Fields;
import dev.chorus.signaling.SocketClosed;
import dev.chorus.signaling.SocketError;
import dev.chorus.signaling.SocketHandler;
import dev.chorus.signaling.Wire;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.Set;

/**
 * Reads call messages, hands them to the domain's {@link CallService} and answers the tab that
 * asked; {@link CallPusher} tells everyone else. Domain failures pass through to the router, which
 * answers them with their shared code.
 */
@ApplicationScoped
public class CallHandler implements SocketHandler {
  @Inject CallService calls;
  @Inject Connections connections;

  @Override
  public Set<String> types() {
    return Set.of(
        "call.invite", "call.accept", "call.reject", "call.cancel", "call.hangup", "call.signal");
  }

  @Override
  public void handle(Connection from, Envelope m) throws SocketError {
    switch (m.type()) {
      case "call.invite" -> {
        var to = Fields.string(m, "to");
        var media = Fields.optionalString(m, "media");
        calls.place(
            party(from),
            to,
            media == null ? CallMedia.VIDEO : CallMedia.of(media),
            placed -> from.send(invited(m, placed)));
      }
      case "call.accept" ->
          calls.accept(
              callId(m),
              party(from),
              answered ->
                  from.send(
                      m.reply("call.accepted")
                          .add("callId", answered.callId().value())
                          .add("by", Wire.user(answered.callee()))
                          .build()));
      case "call.reject" -> calls.decline(callId(m), party(from), ended -> ack(from, m));
        // Cancelling is hanging up before the callee answered; both end the caller's call.
      case "call.cancel", "call.hangup" ->
          calls.hangUp(
              callId(m),
              party(from),
              "failed".equals(Fields.optionalString(m, "reason")),
              ended -> ack(from, m));
      case "call.signal" -> signal(from, m);
      default -> throw new IllegalArgumentException(m.type());
    }
  }

  /** Relays a signal to the other tab of the active call, stamped with the sender. */
  private void signal(Connection from, Envelope m) throws SocketError {
    if (!(m.body().get("signal") instanceof JsonObject signal)) {
      throw new SocketError(m.id(), "bad_request", "'signal' must be an object.");
    }
    var id = callId(m);
    var peer = calls.peerOf(id, party(from));
    var push =
        Wire.push("call.signal")
            .add("callId", id.value())
            .add("from", Wire.user(from.user()))
            .add("signal", signal)
            .build();
    connections.byId(peer).ifPresent(tab -> tab.send(push));
  }

  void onSocketClosed(@Observes SocketClosed event) {
    calls.tabClosed(party(event.connection()));
  }

  /** The answer to an invitation: it rings, or it was refused at once (busy, unavailable). */
  private static JsonObject invited(Envelope m, CallEvent placed) {
    if (placed instanceof CallEvent.Ringing ringing) {
      return m.reply("call.ringing")
          .add("callId", ringing.callId().value())
          .add("to", Wire.user(ringing.callee()))
          .add("media", ringing.media().label())
          .build();
    } else if (placed instanceof CallEvent.Ended ended) {
      return m.reply("call.ended")
          .add("callId", ended.callId().value())
          .add("reason", CallPusher.reason(ended.why()))
          .build();
    }
    throw new IllegalStateException("unexpected answer to an invitation: " + placed);
  }

  private static void ack(Connection from, Envelope m) {
    from.send(m.reply("ack").build());
  }

  private static Party party(Connection c) {
    return new Party(c.user(), c.id());
  }

  private static CallId callId(Envelope m) throws SocketError {
    return new CallId(Fields.string(m, "callId"));
  }
}
