package dev.chorus.signaling.call;

import dev.chorus.im.account.AccountService;
import dev.chorus.im.account.UserRef;
import dev.chorus.im.chat.CallRecord;
import dev.chorus.im.chat.ChatService;
import dev.chorus.signaling.Connection;
import dev.chorus.signaling.Connections;
import dev.chorus.signaling.Envelope;
import dev.chorus.signaling.SocketClosed;
import dev.chorus.signaling.SocketError;
import dev.chorus.signaling.Wire;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The call state machine: one call per user at a time. Every transition is pushed to both sides
 * with a reason. State changes happen under one lock (calls are rare); messages are sent after it
 * is released, so a slow socket never holds up other calls.
 */
@ApplicationScoped
public class CallService {
  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  @Inject Connections connections;
  @Inject AccountService accounts;
  @Inject ChatService chat;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "chorus.call.ring-timeout", defaultValue = "PT30S")
  Duration ringTimeout;

  private final Object lock = new Object();
  private final Map<String, Call> calls = new HashMap<>();
  private final Map<String, Call> byAccount = new HashMap<>();

  /** Messages to send once the lock is released, and a call to record in history. */
  private final class Outbox {
    final List<Runnable> sends = new ArrayList<>();
    Call ended;
    String outcome;

    void to(Connection c, JsonObject message) {
      if (c != null) {
        sends.add(() -> c.send(message));
      }
    }

    void toAllTabs(String accountId, JsonObject message) {
      sends.add(() -> connections.sendTo(accountId, message, null));
    }

    void flush() {
      sends.forEach(Runnable::run);
      if (ended != null && outcome != null) {
        var duration =
            ended.answeredAt == null
                ? 0
                : Duration.between(ended.answeredAt, clock.instant()).toMillis();
        var stored =
            chat.recordCall(
                ended.caller, ended.callee, new CallRecord(ended.media, outcome, duration));
        var push = Wire.push("chat.message").add("message", Wire.message(stored)).build();
        connections.sendTo(ended.caller.id(), push, null);
        connections.sendTo(ended.callee.id(), push, null);
      }
    }
  }

  void invite(Connection from, Envelope m, String to, String media) throws SocketError {
    var callee =
        accounts
            .findByUsername(to)
            .map(UserRef::of)
            .orElseThrow(
                () -> new SocketError(m.id(), "unknown_user", "There is no user '" + to + "'."));
    if (callee.id().equals(from.accountId())) {
      throw new SocketError(m.id(), "bad_request", "You cannot call yourself.");
    }
    var out = new Outbox();
    synchronized (lock) {
      if (byAccount.containsKey(from.accountId())) {
        throw new SocketError(m.id(), "already_in_call", "You are already in a call.");
      }
      var call = new Call(UUID.randomUUID().toString(), from.user(), callee, media, from);
      var reply =
          m.reply("call.ringing")
              .add("callId", call.id)
              .add("to", Wire.user(callee))
              .add("media", media);
      if (byAccount.containsKey(callee.id())) {
        out.to(
            from,
            m.reply("call.ended")
                .add("callId", call.id)
                .add("reason", CallEnd.BUSY.reason)
                .build());
        out.ended = call;
        out.outcome = CallEnd.BUSY.outcome;
      } else if (connections.of(callee.id()).isEmpty()) {
        out.to(
            from,
            m.reply("call.ended")
                .add("callId", call.id)
                .add("reason", CallEnd.UNAVAILABLE.reason)
                .build());
        out.ended = call;
        out.outcome = CallEnd.UNAVAILABLE.outcome;
      } else {
        calls.put(call.id, call);
        byAccount.put(call.caller.id(), call);
        byAccount.put(call.callee.id(), call);
        call.ringTimeout =
            scheduler.schedule(
                () -> timeout(call.id), ringTimeout.toMillis(), TimeUnit.MILLISECONDS);
        out.to(from, reply.build());
        out.toAllTabs(
            callee.id(),
            Wire.push("call.incoming")
                .add("callId", call.id)
                .add("from", Wire.user(call.caller))
                .add("media", media)
                .build());
      }
    }
    out.flush();
  }

  void accept(Connection from, Envelope m, String callId) throws SocketError {
    var out = new Outbox();
    synchronized (lock) {
      var call = ringingFor(from, m, callId);
      call.state = Call.State.ACTIVE;
      call.calleeTab = from;
      call.answeredAt = clock.instant();
      call.ringTimeout.cancel(false);
      var accepted =
          Wire.push("call.accepted").add("callId", call.id).add("by", Wire.user(call.callee));
      out.to(call.callerTab, accepted.build());
      out.to(
          from,
          m.reply("call.accepted")
              .add("callId", call.id)
              .add("by", Wire.user(call.callee))
              .build());
      var elsewhere = ended(call, "answered_elsewhere");
      for (var tab : connections.of(call.callee.id())) {
        if (tab != from) {
          out.to(tab, elsewhere);
        }
      }
    }
    out.flush();
  }

  void reject(Connection from, Envelope m, String callId) throws SocketError {
    var out = new Outbox();
    synchronized (lock) {
      var call = ringingFor(from, m, callId);
      out.to(from, m.reply("ack").build());
      end(call, CallEnd.DECLINED, out);
    }
    out.flush();
  }

  /**
   * Either side ends the call. While it rings, the caller cancels and a callee's tab declines;
   * {@code failed} (the media never connected) is recorded as a failed call, not a completed one.
   */
  void hangup(Connection from, Envelope m, String callId, boolean failed) throws SocketError {
    var out = new Outbox();
    synchronized (lock) {
      var call = calls.get(callId);
      boolean ringingCallee =
          call != null
              && call.state == Call.State.RINGING
              && call.callee.id().equals(from.accountId());
      if (call == null || (from != call.callerTab && from != call.calleeTab && !ringingCallee)) {
        throw new SocketError(m.id(), "not_in_call", "You are not in that call.");
      }
      out.to(from, m.reply("ack").build());
      CallEnd why;
      if (failed) {
        why = CallEnd.FAILED;
      } else if (ringingCallee) {
        why = CallEnd.DECLINED;
      } else {
        why = call.state == Call.State.RINGING ? CallEnd.CANCELLED : CallEnd.HANGUP;
      }
      end(call, why, out);
    }
    out.flush();
  }

  void signal(Connection from, Envelope m, String callId, JsonObject signal) throws SocketError {
    Connection peer;
    synchronized (lock) {
      var call = calls.get(callId);
      peer = call == null || call.state != Call.State.ACTIVE ? null : call.peerOf(from);
      if (peer == null) {
        throw new SocketError(
            m.id(),
            "not_in_call",
            "Signaling is only relayed between the two tabs of an active call.");
      }
    }
    peer.send(
        Wire.push("call.signal")
            .add("callId", callId)
            .add("from", Wire.user(from.user()))
            .add("signal", signal)
            .build());
  }

  void onSocketClosed(@Observes SocketClosed event) {
    var tab = event.connection();
    var out = new Outbox();
    synchronized (lock) {
      var call = byAccount.get(tab.accountId());
      if (call == null) {
        return;
      }
      boolean lost =
          tab == call.callerTab
              || tab == call.calleeTab
              || (call.state == Call.State.RINGING
                  && tab.accountId().equals(call.callee.id())
                  && connections.of(call.callee.id()).isEmpty());
      if (!lost) {
        return;
      }
      end(call, CallEnd.CONNECTION_LOST, out);
    }
    out.flush();
  }

  private void timeout(String callId) {
    var out = new Outbox();
    synchronized (lock) {
      var call = calls.get(callId);
      if (call == null || call.state != Call.State.RINGING) {
        return;
      }
      end(call, CallEnd.NO_ANSWER, out);
    }
    out.flush();
  }

  /** Whether the user is in a call or being rung (for tests and the UI's busy state). */
  public boolean isInCall(String accountId) {
    synchronized (lock) {
      return byAccount.containsKey(accountId);
    }
  }

  private Call ringingFor(Connection from, Envelope m, String callId) throws SocketError {
    var call = calls.get(callId);
    if (call == null || !call.callee.id().equals(from.accountId())) {
      throw new SocketError(m.id(), "not_in_call", "There is no such call ringing for you.");
    }
    if (call.state != Call.State.RINGING) {
      throw new SocketError(m.id(), "not_ringing", "That call is no longer ringing.");
    }
    return call;
  }

  /** Ends a call under the lock: forget it, tell everyone involved, record it once. */
  private void end(Call call, CallEnd why, Outbox out) {
    if (call.ringTimeout != null) {
      call.ringTimeout.cancel(false);
    }
    var wasActive = call.state == Call.State.ACTIVE;
    call.state = Call.State.ENDED;
    calls.remove(call.id);
    byAccount.remove(call.caller.id(), call);
    byAccount.remove(call.callee.id(), call);
    var message = ended(call, why.reason);
    out.to(call.callerTab, message);
    if (wasActive) {
      out.to(call.calleeTab, message);
    } else {
      out.toAllTabs(call.callee.id(), message);
    }
    out.ended = call;
    out.outcome = wasActive && why != CallEnd.FAILED ? "completed" : why.outcome;
  }

  private static JsonObject ended(Call call, String reason) {
    return Wire.push("call.ended").add("callId", call.id).add("reason", reason).build();
  }
}
