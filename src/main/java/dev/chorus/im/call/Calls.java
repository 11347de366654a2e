package dev.chorus.im.call;

import dev.chorus.im.common.ConflictException;
import dev.chorus.im.common.NotFoundException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The calls in progress, by id and by user: one call per user at a time. Every read and change
 * happens under one lock (calls are rare), and a call that ends is forgotten in the same step. Only
 * the domain runs under the lock: nothing here sends, stores or calls out.
 */
final class Calls {
  private final Object lock = new Object();
  private final Map<CallId, Call> byId = new HashMap<>();
  private final Map<String, Call> byUser = new HashMap<>();

  /**
   * Places {@code call} if its caller is free: it rings, or ends at once as busy (the callee is in
   * another call) or unavailable ({@code calleeReachable} is false).
   *
   * @throws ConflictException the caller is already in a call
   */
  CallEvent place(Call call, boolean calleeReachable, Instant now) {
    synchronized (lock) {
      if (byUser.containsKey(call.caller().id())) {
        throw new ConflictException("already_in_call", "You are already in a call.");
      }
      if (byUser.containsKey(call.callee().id())) {
        return call.refuse(CallEnd.BUSY, now);
      } else if (!calleeReachable) {
        return call.refuse(CallEnd.UNAVAILABLE, now);
      }
      byId.put(call.id(), call);
      byUser.put(call.caller().id(), call);
      byUser.put(call.callee().id(), call);
      return call.ringing();
    }
  }

  /**
   * Applies a transition to call {@code id}.
   *
   * @throws NotFoundException with {@code notFound}'s text, if there is no such call (any more)
   */
  <T> T change(CallId id, String notFound, Function<Call, T> transition) {
    synchronized (lock) {
      var call = byId.get(id);
      if (call == null) {
        throw new NotFoundException("not_in_call", notFound);
      }
      return apply(call, transition);
    }
  }

  /** Applies a transition to call {@code id} if it is still in progress. */
  <T> Optional<T> changeIfPresent(CallId id, Function<Call, Optional<T>> transition) {
    synchronized (lock) {
      var call = byId.get(id);
      return call == null ? Optional.empty() : apply(call, transition);
    }
  }

  /** Applies a transition to the call {@code accountId} is in, if any. */
  <T> Optional<T> changeCallOf(String accountId, Function<Call, Optional<T>> transition) {
    synchronized (lock) {
      var call = byUser.get(accountId);
      return call == null ? Optional.empty() : apply(call, transition);
    }
  }

  /** Whether the user is in a call or being rung. */
  boolean isBusy(String accountId) {
    synchronized (lock) {
      return byUser.containsKey(accountId);
    }
  }

  private <T> T apply(Call call, Function<Call, T> transition) {
    try {
      return transition.apply(call);
    } finally {
      if (call.state() == Call.State.ENDED) {
        byId.remove(call.id());
        byUser.remove(call.caller().id(), call);
        byUser.remove(call.callee().id(), call);
      }
    }
  }
}
