package dev.chorus.media.ice;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records the states a session reports and waits for one. */
final class StateRecorder implements IceSessionListener {
  final LinkedBlockingQueue<IceSessionState> states = new LinkedBlockingQueue<>();
  volatile String lastReason;

  @Override
  public void onStateChange(IceSession session, IceSessionState state, String reason) {
    lastReason = reason;
    states.add(state);
  }

  /** Waits for {@code expected}, failing on any other terminal state or timeout. */
  void await(IceSessionState expected, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      var next = states.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      if (next == null) {
        throw new AssertionError("no " + expected + " within " + timeout);
      }
      if (next == expected) {
        return;
      }
      if (next.isTerminal()) {
        throw new AssertionError("got " + next + " (" + lastReason + ") instead of " + expected);
      }
    }
  }
}
