package dev.chorus.media.sfu.stream;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets at most one key frame request (PLI, <a
 * href="https://www.rfc-editor.org/rfc/rfc4585#section-6.3.1">RFC 4585 §6.3.1</a>) per stream go to
 * the publisher per interval, as Jitsi Videobridge does with 200 ms: a burst of subscribers
 * joining, or of PLI/FIR from them, costs the publisher one key frame, which serves them all.
 * Lock-free; callable from any packet thread.
 */
public final class KeyframeRequestThrottle {
  private static final long NEVER = Long.MIN_VALUE;

  private final long intervalNanos;
  private final AtomicLong last = new AtomicLong(NEVER);

  public KeyframeRequestThrottle(long intervalNanos) {
    this.intervalNanos = intervalNanos;
  }

  /** True if a request may go out at {@code now}; then the next one waits for the interval. */
  public boolean admit(long now) {
    long previous = last.get();
    if (previous != NEVER && now - previous < intervalNanos) {
      return false;
    }
    return last.compareAndSet(previous, now);
  }
}
