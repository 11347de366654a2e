package dev.chorus.media.ice;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When an {@link IceSession} must fail for want of its peer (<a
 * href="https://www.rfc-editor.org/rfc/rfc7675#section-5.1">RFC 7675 §5.1</a> consent): it did not
 * connect in time, no valid check came on the selected pair for the consent timeout, or its
 * selected ICE-TCP connection closed and the peer nominated nothing else. Times are {@link
 * System#nanoTime()} values.
 */
final class ConsentWatch {
  /**
   * How long a session may live on after its selected ICE-TCP connection closed: long enough for
   * the packet pool to handle a close_notify that came just before the FIN (a clean CLOSED), or for
   * the peer to nominate another pair.
   */
  private static final long CLOSED_PATH_GRACE_NANOS = Duration.ofSeconds(1).toNanos();

  private final long timeoutNanos;
  private final long createdAt = System.nanoTime();
  private volatile long connectedAt = createdAt;
  private volatile long lastConsentAt = createdAt;
  private final AtomicLong consentChecks = new AtomicLong();
  private volatile long selectedClosedAt; // 0: the selected path is open

  ConsentWatch(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
  }

  long createdAt() {
    return createdAt;
  }

  void connected(long now) {
    connectedAt = now;
  }

  /** A valid check on the selected pair: consent for another timeout. */
  void consent(long now) {
    lastConsentAt = now;
    consentChecks.incrementAndGet();
  }

  /** Another pair was selected, open for all we know. */
  void selectedChanged() {
    selectedClosedAt = 0;
  }

  /** The selected ICE-TCP connection closed: the grace starts. */
  void selectedClosed(long now) {
    selectedClosedAt = Math.max(1, now);
  }

  /** How many valid checks the peer has sent on the selected pair. */
  long consentChecks() {
    return consentChecks.get();
  }

  /** Why a session in state {@code current} must fail at {@code now}, or null if it may live on. */
  String failure(IceSessionState current, long now) {
    if (current == IceSessionState.NEW || current == IceSessionState.CHECKING) {
      if (now - createdAt > timeoutNanos) {
        return "not connected within " + Duration.ofNanos(timeoutNanos);
      }
    } else if (current == IceSessionState.CONNECTED) {
      long closedAt = selectedClosedAt;
      if (closedAt != 0 && now - closedAt > CLOSED_PATH_GRACE_NANOS) {
        return "the selected ICE-TCP connection closed";
      }
      long last = Math.max(connectedAt, lastConsentAt);
      if (now - last > timeoutNanos) {
        return "consent expired: no valid check for " + Duration.ofNanos(now - last);
      }
    }
    return null;
  }
}
