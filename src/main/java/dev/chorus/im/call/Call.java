package dev.chorus.im.call;

import dev.chorus.im.account.UserRef;
import dev.chorus.im.common.ConflictException;
import dev.chorus.im.common.NotFoundException;
import dev.chorus.im.common.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One 1:1 call and the rules of its life: it rings every tab of the callee, one of them answers,
 * and either party ends it. The caller's tab is fixed at the invitation, the callee's at the
 * answer. Each transition checks who asks, changes the state and returns what happened; an illegal
 * one throws and changes nothing. Not thread-safe: {@link Calls} serialises access.
 */
public final class Call {
  /** Where a call is in its life. */
  public enum State {
    RINGING,
    ACTIVE,
    ENDED
  }

  private final CallId id;
  private final Party caller;
  private final UserRef callee;
  private final CallMedia media;
  private State state = State.RINGING;
  private String calleeTab;
  private Instant answeredAt;

  private Call(CallId id, Party caller, UserRef callee, CallMedia media) {
    this.id = id;
    this.caller = caller;
    this.callee = callee;
    this.media = media;
  }

  /** {@code caller} calls {@code callee}; the call rings until answered, refused or ended. */
  public static Call place(CallId id, Party caller, UserRef callee, CallMedia media) {
    if (caller.is(callee)) {
      throw new ValidationException("to", "You cannot call yourself.");
    }
    return new Call(id, caller, callee, media);
  }

  public CallId id() {
    return id;
  }

  public UserRef caller() {
    return caller.user();
  }

  public UserRef callee() {
    return callee;
  }

  public CallMedia media() {
    return media;
  }

  public State state() {
    return state;
  }

  /** What the callee's tabs are told when the call starts ringing. */
  CallEvent.Ringing ringing() {
    return new CallEvent.Ringing(id, caller.user(), callee, media);
  }

  /** The call cannot ring at all (busy, unavailable): it ends before anyone hears it. */
  CallEvent.Ended refuse(CallEnd why, Instant now) {
    if (!why.refusedAtOnce() || state != State.RINGING) {
      throw new IllegalStateException(why + " in " + state);
    }
    return end(why, now);
  }

  /** The callee answers on {@code by}'s tab. */
  public CallEvent.Answered accept(Party by, Instant now) {
    requireRingingFor(by);
    state = State.ACTIVE;
    calleeTab = by.tab();
    answeredAt = now;
    return new CallEvent.Answered(id, callee, caller.tab(), calleeTab);
  }

  /** The callee declines from any of their tabs. */
  public CallEvent.Ended decline(Party by, Instant now) {
    requireRingingFor(by);
    return end(CallEnd.DECLINED, now);
  }

  /**
   * Either tab in the call ends it. While it rings, the caller's tab cancels and any tab of the
   * callee declines. {@code failed} (the media never connected) ends it as failed.
   */
  public CallEvent.Ended hangUp(Party by, boolean failed, Instant now) {
    boolean ringingCallee = state == State.RINGING && by.is(callee);
    if (state == State.ENDED || !(isCallerTab(by) || isCalleeTab(by) || ringingCallee)) {
      throw new NotFoundException("not_in_call", "You are not in that call.");
    }
    if (failed) {
      return end(CallEnd.FAILED, now);
    } else if (ringingCallee) {
      return end(CallEnd.DECLINED, now);
    }
    return end(state == State.RINGING ? CallEnd.CANCELLED : CallEnd.HANGUP, now);
  }

  /** Nobody answered in time; too late if the call was answered or ended meanwhile. */
  public Optional<CallEvent.Ended> ringTimedOut(Instant now) {
    return state == State.RINGING ? Optional.of(end(CallEnd.NO_ANSWER, now)) : Optional.empty();
  }

  /**
   * A tab of {@code gone}'s user closed. The call is lost if it was one of the call's two tabs, or
   * if the call still rings and the callee has no tab left to ring ({@code calleeStillReachable} is
   * only asked of a callee).
   */
  public Optional<CallEvent.Ended> tabClosed(
      Party gone, boolean calleeStillReachable, Instant now) {
    if (state == State.ENDED) {
      return Optional.empty();
    }
    boolean lost =
        isCallerTab(gone)
            || isCalleeTab(gone)
            || (state == State.RINGING && gone.is(callee) && !calleeStillReachable);
    return lost ? Optional.of(end(CallEnd.CONNECTION_LOST, now)) : Optional.empty();
  }

  /**
   * The tab a signal from {@code from} goes to: the other tab of an active call. Nobody else may
   * signal, not even another tab of one of the two users.
   */
  public String peerOf(Party from) {
    if (state == State.ACTIVE) {
      if (isCallerTab(from)) {
        return calleeTab;
      } else if (isCalleeTab(from)) {
        return caller.tab();
      }
    }
    throw new NotFoundException(
        "not_in_call", "Signaling is only relayed between the two tabs of an active call.");
  }

  private void requireRingingFor(Party by) {
    if (!by.is(callee)) {
      throw new NotFoundException("not_in_call", "There is no such call ringing for you.");
    }
    if (state != State.RINGING) {
      throw new ConflictException("not_ringing", "That call is no longer ringing.");
    }
  }

  private boolean isCallerTab(Party p) {
    return p.is(caller.user()) && p.tab().equals(caller.tab());
  }

  private boolean isCalleeTab(Party p) {
    return calleeTab != null && p.is(callee) && p.tab().equals(calleeTab);
  }

  private CallEvent.Ended end(CallEnd why, Instant now) {
    state = State.ENDED;
    var talked = answeredAt == null ? Duration.ZERO : Duration.between(answeredAt, now);
    return new CallEvent.Ended(
        id,
        why,
        caller.user(),
        caller.tab(),
        callee,
        Optional.ofNullable(calleeTab),
        media,
        talked);
  }
}
