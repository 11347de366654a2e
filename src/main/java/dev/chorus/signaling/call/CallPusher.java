package dev.chorus.signaling.call;

import dev.chorus.im.call.CallEnd;
import dev.chorus.im.call.CallEvent;
import dev.chorus.signaling.Connections;
import dev.chorus.signaling.Wire;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

/**
 * Turns {@link CallEvent}s into pushes to the tabs they name. The domain fires them after its lock
 * is released, and the record of an ended call after its transaction committed (observed after
 * success all the same, should a caller ever run inside a transaction).
 */
@ApplicationScoped
public class CallPusher {
  @Inject Connections connections;

  void on(@Observes CallEvent event) {
    if (event instanceof CallEvent.Ringing r) {
      connections.sendTo(
          r.callee().id(),
          Wire.push("call.incoming")
              .add("callId", r.callId().value())
              .add("from", Wire.user(r.caller()))
              .add("media", r.media().label())
              .build(),
          null);
    } else if (event instanceof CallEvent.Answered a) {
      toTab(
          a.callerTab(),
          Wire.push("call.accepted")
              .add("callId", a.callId().value())
              .add("by", Wire.user(a.callee()))
              .build());
      var elsewhere = ended(a, "answered_elsewhere");
      for (var tab : connections.of(a.callee().id())) {
        if (!tab.id().equals(a.answeringTab())) {
          tab.send(elsewhere);
        }
      }
    } else if (event instanceof CallEvent.Ended e && !e.why().refusedAtOnce()) {
      var message = ended(e, reason(e.why()));
      toTab(e.callerTab(), message);
      e.calleeTab()
          .ifPresentOrElse(
              tab -> toTab(tab, message), () -> connections.sendTo(e.callee().id(), message, null));
    }
  }

  /** The call's history entry, to both users; only once it is committed. */
  void onRecorded(@Observes(during = TransactionPhase.AFTER_SUCCESS) CallEvent.Recorded r) {
    var push = Wire.push("chat.message").add("message", Wire.message(r.message())).build();
    connections.sendTo(r.caller().id(), push, null);
    connections.sendTo(r.callee().id(), push, null);
  }

  /** The {@code reason} of {@code call.ended} (docs/protocol.md). */
  static String reason(CallEnd why) {
    return switch (why) {
      case DECLINED -> "declined";
      case CANCELLED -> "cancelled";
      case NO_ANSWER -> "no_answer";
      case BUSY -> "busy";
      case UNAVAILABLE -> "unavailable";
      case HANGUP -> "hangup";
      case CONNECTION_LOST -> "connection_lost";
      case FAILED -> "failed";
    };
  }

  private void toTab(String tabId, JsonObject message) {
    connections.byId(tabId).ifPresent(tab -> tab.send(message));
  }

  private static JsonObject ended(CallEvent event, String reason) {
    return Wire.push("call.ended")
        .add("callId", event.callId().value())
        .add("reason", reason)
        .build();
  }
}
