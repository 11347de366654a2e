package dev.chorus.signaling.call;

import dev.chorus.im.account.UserRef;
import dev.chorus.signaling.Connection;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/**
 * One call. The caller's tab is fixed at invite; the callee's at accept (any of their tabs may
 * answer). Mutable, and only touched under {@link CallService}'s lock.
 */
final class Call {
  enum State {
    RINGING,
    ACTIVE,
    ENDED
  }

  final String id;
  final UserRef caller;
  final UserRef callee;
  final String media;
  final Connection callerTab;
  Connection calleeTab;
  State state = State.RINGING;
  Instant answeredAt;
  ScheduledFuture<?> ringTimeout;

  Call(String id, UserRef caller, UserRef callee, String media, Connection callerTab) {
    this.id = id;
    this.caller = caller;
    this.callee = callee;
    this.media = media;
    this.callerTab = callerTab;
  }

  boolean involves(String accountId) {
    return caller.id().equals(accountId) || callee.id().equals(accountId);
  }

  /** The other party's tab for signaling, or null if it has none (yet). */
  Connection peerOf(Connection tab) {
    if (tab == callerTab) {
      return calleeTab;
    }
    return tab == calleeTab ? callerTab : null;
  }
}
