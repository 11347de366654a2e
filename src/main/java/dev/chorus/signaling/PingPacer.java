package dev.chorus.signaling;

import java.time.Duration;

/**
 * The ping budget of one heartbeat beat. While the sockets are few, every idle socket is pinged at
 * every beat. Once that would exceed {@code chorus.socket.heartbeat-pings-per-second}, each socket
 * is pinged every few beats instead (its <em>period</em>), at most a beat's share of the budget per
 * beat, and the silence after which a socket is dropped grows with the period, so a socket always
 * gets {@link Heartbeat#MISSED_BEATS} pings before it is judged. When the sockets become fewer
 * again, the silence limit comes down by at most a beat per beat: a socket last pinged on the
 * longer period is not judged by the shorter one before it has been pinged on it.
 *
 * <p>Why: each ping costs its pong on the container's read side too (TLS, the frame, and the
 * container's re-armed idle timer). At 10,000 sockets and a 3 s beat that was 3,333 pongs a second
 * and most of two cores, so a burst of anything else overflowed the container's worker queue and
 * dropped connections (bench/README.md, "10,000 sockets"). A dead socket among many is found later
 * (36 s at 10,000 sockets with the defaults, 9 s up to 3,000); the server stays up.
 */
final class PingPacer {
  private final long beatNanos;
  private final long periodNanos;
  private final long silenceLimitNanos;
  private final int perBeat;
  private int pinged;

  private PingPacer(long beatNanos, long periodNanos, long silenceLimitNanos, int perBeat) {
    this.beatNanos = beatNanos;
    this.periodNanos = periodNanos;
    this.silenceLimitNanos = silenceLimitNanos;
    this.perBeat = perBeat;
  }

  /**
   * The budget of a beat over {@code sockets} open sockets.
   *
   * @param previous the previous beat's pacer, or null for the first beat
   */
  static PingPacer forBeat(int sockets, Duration beat, int pingsPerSecond, PingPacer previous) {
    long beatNanos = beat.toNanos();
    long perBeat = Math.max(1, pingsPerSecond * beat.toMillis() / 1000);
    long beatsPerPeriod = Math.max(1, (sockets + perBeat - 1) / perBeat);
    long period = beatsPerPeriod * beatNanos;
    long limit = period * Heartbeat.MISSED_BEATS;
    if (previous != null) {
      limit = Math.max(limit, previous.silenceLimitNanos - beatNanos);
    }
    return new PingPacer(beatNanos, period, limit, (int) Math.min(perBeat, Integer.MAX_VALUE));
  }

  /** How often each socket is pinged at this beat's count of sockets. */
  long periodNanos() {
    return periodNanos;
  }

  /** Silent this long (no frame in, none of ours out), a socket is dropped. */
  long silenceLimitNanos() {
    return silenceLimitNanos;
  }

  /**
   * Whether a socket last pinged {@code sincePingNanos} ago and silent (no frame in, none of ours
   * out) for {@code silentNanos} is due, and the beat's budget has room. Half a beat of slack, so a
   * socket due just after this beat is not left for the next one. A socket with a frame in or out
   * within the last half period shows it is alive without one: in a busy room, a ping to every
   * occupant at every beat held each beat's messages up behind a thousand pings and their pongs.
   */
  boolean mayPing(long sincePingNanos, long silentNanos) {
    long due = periodNanos - beatNanos / 2;
    return pinged < perBeat && sincePingNanos >= due && silentNanos >= periodNanos / 2;
  }

  /** Counts a ping that was started. */
  void pinged() {
    pinged++;
  }

  int pingedThisBeat() {
    return pinged;
  }
}
