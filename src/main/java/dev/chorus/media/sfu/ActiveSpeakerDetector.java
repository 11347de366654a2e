package dev.chorus.media.sfu;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Picks the dominant speaker of a room from the audio levels publishers put in their packets (<a
 * href="https://www.rfc-editor.org/rfc/rfc6464#section-3">RFC 6464 §3</a>: 0–127, in -dBov, 127
 * being silence).
 *
 * <p>Per source a loudness (127 − level) smoothed over about {@link #SMOOTHING_NANOS}; a source
 * that stops sending levels fades to silence. The first source louder than {@link
 * #SPEECH_THRESHOLD} becomes dominant. After that, hysteresis: a challenger takes over only when it
 * has been at least {@link #MARGIN} louder than the dominant speaker (and above the threshold) for
 * {@link #SWITCH_DELAY_NANOS} without interruption, so a cough or a short "yes" does not move the
 * highlight. The dominant speaker stays dominant through silence until someone else speaks, as in
 * Jitsi Meet.
 *
 * <p>Fed from several packet threads (one per publisher), so every method is synchronized; the lock
 * is this router's own. The listener is called after the lock is released, on the calling thread,
 * and must not block.
 *
 * @param <T> how a source is identified (the router uses its audio {@link Producer}s)
 */
public final class ActiveSpeakerDetector<T> {
  /** Loudness (127 − level) a source needs to count as speaking: about −55 dBov. */
  static final double SPEECH_THRESHOLD = 72;

  /** How much louder a challenger must be, in dB. */
  static final double MARGIN = 6;

  static final long SWITCH_DELAY_NANOS = 400_000_000L;
  static final long SMOOTHING_NANOS = 300_000_000L;
  static final long EVALUATION_INTERVAL_NANOS = 100_000_000L;

  /** After this long without a level, a source's samples count as silence. */
  static final long STALE_NANOS = 250_000_000L;

  private static final class Source {
    double loudness;
    long lastUpdate;
    boolean started;
  }

  private final Map<T, Source> sources = new LinkedHashMap<>();
  private final Consumer<Optional<T>> listener;
  private T dominant;
  private T challenger;
  private long challengerSince;
  private long lastEvaluation = Long.MIN_VALUE;

  public ActiveSpeakerDetector(Consumer<Optional<T>> listener) {
    this.listener = listener;
  }

  /**
   * One audio level sample.
   *
   * @param level the RFC 6464 level, 0 (loudest) to 127 (silence); out of range values are ignored
   * @param now {@link System#nanoTime()} or the router's clock
   */
  public void onAudioLevel(T source, int level, long now) {
    if (level < 0 || level > 127) {
      return;
    }
    Optional<T> changed;
    synchronized (this) {
      Source s = sources.computeIfAbsent(source, k -> new Source());
      update(s, 127 - level, now);
      if (lastEvaluation != Long.MIN_VALUE && now - lastEvaluation < EVALUATION_INTERVAL_NANOS) {
        return;
      }
      changed = evaluateLocked(now);
    }
    notify(changed);
  }

  /**
   * Forgets a source (its producer closed); if it was dominant, the loudest other one takes over.
   */
  public void remove(T source, long now) {
    Optional<T> changed = null;
    synchronized (this) {
      sources.remove(source);
      if (source.equals(challenger)) {
        challenger = null;
      }
      if (source.equals(dominant)) {
        dominant = null;
        evaluateLocked(now);
        changed = Optional.ofNullable(dominant);
      }
    }
    notify(changed);
  }

  /** Re-evaluates now, e.g. from a timer; levels arriving also do this every 100 ms. */
  public void evaluate(long now) {
    Optional<T> changed;
    synchronized (this) {
      changed = evaluateLocked(now);
    }
    notify(changed);
  }

  public synchronized Optional<T> dominant() {
    return Optional.ofNullable(dominant);
  }

  /** The smoothed loudness of a source (127 − level), for tests and stats. */
  synchronized double loudness(T source) {
    Source s = sources.get(source);
    return s == null ? 0 : s.loudness;
  }

  private static void update(Source s, double loudness, long now) {
    if (!s.started) {
      s.loudness = loudness;
      s.started = true;
    } else {
      long dt = Math.max(0, Math.min(now - s.lastUpdate, 1_000_000_000L));
      double alpha = 1 - Math.exp(-(double) dt / SMOOTHING_NANOS);
      s.loudness += alpha * (loudness - s.loudness);
    }
    s.lastUpdate = now;
  }

  /** Returns the new dominant speaker if it changed, else null. */
  private Optional<T> evaluateLocked(long now) {
    lastEvaluation = now;
    T loudest = null;
    double loudestLevel = -1;
    for (var e : sources.entrySet()) {
      Source s = e.getValue();
      if (now - s.lastUpdate > STALE_NANOS) {
        update(s, 0, now);
      }
      if (!e.getKey().equals(dominant) && s.loudness > loudestLevel) {
        loudest = e.getKey();
        loudestLevel = s.loudness;
      }
    }
    if (dominant == null) {
      challenger = null;
      if (loudest != null && loudestLevel >= SPEECH_THRESHOLD) {
        dominant = loudest;
        return Optional.of(dominant);
      }
      return null;
    }
    double current = sources.get(dominant).loudness;
    boolean wins =
        loudest != null && loudestLevel >= SPEECH_THRESHOLD && loudestLevel >= current + MARGIN;
    if (!wins) {
      challenger = null;
      return null;
    }
    if (!loudest.equals(challenger)) {
      challenger = loudest;
      challengerSince = now;
    }
    if (now - challengerSince < SWITCH_DELAY_NANOS) {
      return null;
    }
    dominant = loudest;
    challenger = null;
    return Optional.of(dominant);
  }

  private void notify(Optional<T> changed) {
    if (changed != null) {
      listener.accept(changed);
    }
  }
}
