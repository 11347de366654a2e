package dev.chorus.im.call;

/**
 * Why a call ended, and what history records for a call that ends this way without having been
 * answered (an answered call is "completed" unless it {@link #FAILED failed}).
 */
public enum CallEnd {
  /** The callee said no. */
  DECLINED("declined"),
  /** The caller gave up while it rang. */
  CANCELLED("missed"),
  /** Nobody answered within the ring timeout. */
  NO_ANSWER("missed"),
  /** The callee was in another call; refused at once. */
  BUSY("busy"),
  /** The callee had no tab open; refused at once. */
  UNAVAILABLE("missed"),
  /** One party ended an answered call. */
  HANGUP("completed"),
  /** A tab in the call went away. */
  CONNECTION_LOST("missed"),
  /** The media never connected. */
  FAILED("failed");

  private final String unansweredOutcome;

  CallEnd(String unansweredOutcome) {
    this.unansweredOutcome = unansweredOutcome;
  }

  /** The outcome history records, given whether the call had been answered. */
  public String outcome(boolean answered) {
    return answered && this != FAILED ? "completed" : unansweredOutcome;
  }

  /** Refused before anyone's tab rang: only the caller needs to hear of it. */
  public boolean refusedAtOnce() {
    return this == BUSY || this == UNAVAILABLE;
  }
}
