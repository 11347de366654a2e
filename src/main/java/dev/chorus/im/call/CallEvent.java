package dev.chorus.im.call;

import dev.chorus.im.account.UserRef;
import dev.chorus.im.chat.ChatMessage;
import java.time.Duration;
import java.util.Optional;

/**
 * What happened to a call, and so who must be told what. {@link CallService} fires these as CDI
 * events after the change, outside any lock; the socket edge turns them into pushes. The tab that
 * asked for a change is answered by its request first; these events do not replace that answer.
 */
public sealed interface CallEvent {
  CallId callId();

  /** A call was placed: every tab of the callee rings. */
  record Ringing(CallId callId, UserRef caller, UserRef callee, CallMedia media)
      implements CallEvent {}

  /**
   * The callee answered on {@code answeringTab}: the caller's tab learns it, and the callee's other
   * tabs stop ringing.
   */
  record Answered(CallId callId, UserRef callee, String callerTab, String answeringTab)
      implements CallEvent {}

  /**
   * The call is over. The caller's tab is told; so is the callee's tab in the call, or, if it was
   * never answered, every tab of the callee (they were all ringing). A call {@link
   * CallEnd#refusedAtOnce() refused at once} tells nobody: its caller learns it from the answer to
   * the invitation. History records the call with {@link #outcome()} and {@link #talked()}.
   */
  record Ended(
      CallId callId,
      CallEnd why,
      UserRef caller,
      String callerTab,
      UserRef callee,
      Optional<String> calleeTab,
      CallMedia media,
      Duration talked)
      implements CallEvent {

    public boolean answered() {
      return calleeTab.isPresent();
    }

    /** "completed", "missed", "declined", "busy" or "failed". */
    public String outcome() {
      return why.outcome(answered());
    }
  }

  /**
   * The ended call was stored in the conversation of caller and callee (after its transaction
   * committed): both users' tabs get the history entry.
   */
  record Recorded(CallId callId, UserRef caller, UserRef callee, ChatMessage message)
      implements CallEvent {}
}
