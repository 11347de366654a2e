package dev.chorus.media.sfu.transport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every state a transport reports, with its reason, and waits for one. */
public final class StateLog implements TransportStateListener {
  record Entry(TransportState state, String reason) {}

  final List<Entry> entries = new CopyOnWriteArrayList<>();

  @Override
  public void onStateChange(WebRtcTransport transport, TransportState state, String reason) {
    entries.add(new Entry(state, reason));
  }

  List<TransportState> states() {
    return entries.stream().map(Entry::state).toList();
  }

  /** Waits until {@code expected} was reported and returns its reason. */
  public String await(TransportState expected, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (var entry : entries) {
        if (entry.state() == expected) {
          return entry.reason();
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no " + expected + " within " + timeout + "; got " + entries);
  }
}
