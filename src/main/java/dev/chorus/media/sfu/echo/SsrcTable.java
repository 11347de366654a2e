package dev.chorus.media.sfu.echo;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * An immutable, allocation-free lookup between the SSRCs a peer sends (sources) and the SSRCs the
 * server uses for the same streams on the way back (echoes), plus per-stream keyframe-request
 * timestamps. Streams per transport are few (audio, video, RTX: about ten), so a linear scan over
 * two arrays beats any map and creates no garbage. Replaced as a whole when a stream is added.
 */
final class SsrcTable {
  static final SsrcTable EMPTY = new SsrcTable(new long[0], new long[0]);

  private final long[] sources;
  private final long[] echoes;
  private final AtomicLongArray lastKeyframeRequest;

  private SsrcTable(long[] sources, long[] echoes) {
    this.sources = sources;
    this.echoes = echoes;
    this.lastKeyframeRequest = new AtomicLongArray(sources.length);
  }

  int size() {
    return sources.length;
  }

  /** Index of the stream the peer sends as {@code ssrc}, or -1. */
  int indexOfSource(long ssrc) {
    for (int i = 0; i < sources.length; i++) {
      if (sources[i] == ssrc) {
        return i;
      }
    }
    return -1;
  }

  /** Index of the stream the server sends back as {@code ssrc}, or -1. */
  int indexOfEcho(long ssrc) {
    for (int i = 0; i < echoes.length; i++) {
      if (echoes[i] == ssrc) {
        return i;
      }
    }
    return -1;
  }

  long source(int index) {
    return sources[index];
  }

  long echo(int index) {
    return echoes[index];
  }

  /** Whether {@code ssrc} is a source or an echo already. */
  boolean uses(long ssrc) {
    return indexOfSource(ssrc) >= 0 || indexOfEcho(ssrc) >= 0;
  }

  /**
   * Records a keyframe request for stream {@code index} at {@code now} (nanoTime) unless one was
   * let through less than {@code intervalNanos} ago.
   *
   * @return true if this request may go out
   */
  boolean admitKeyframeRequest(int index, long now, long intervalNanos) {
    long last = lastKeyframeRequest.get(index);
    if (last != 0 && now - last < intervalNanos) {
      return false;
    }
    // 0 means "never"; a nanoTime of exactly 0 merely loses one throttling decision.
    return lastKeyframeRequest.compareAndSet(index, last, now == 0 ? 1 : now);
  }

  /** A copy with one more stream; the caller has checked that neither SSRC is in use. */
  SsrcTable with(long source, long echo) {
    long[] s = Arrays.copyOf(sources, sources.length + 1);
    long[] e = Arrays.copyOf(echoes, echoes.length + 1);
    s[sources.length] = source;
    e[echoes.length] = echo;
    return new SsrcTable(s, e);
  }
}
