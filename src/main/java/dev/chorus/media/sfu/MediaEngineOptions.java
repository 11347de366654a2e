package dev.chorus.media.sfu;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of a {@link MediaEngine} that are not ICE network settings (those are in {@link
 * dev.chorus.media.ice.IceConfig}).
 *
 * @param dtlsHandshakeTimeout how long the DTLS handshake may take once ICE has connected before
 *     the transport fails
 * @param packetThreads 0: each transport has its own packet thread blocked in {@code
 *     IceSession.receive} (ice4j's pull API); more: ice4j's reader thread pushes each UDP datagram
 *     to its transport, whose packet work then runs, one datagram at a time per transport, on a
 *     shared pool of this many threads (with {@link MediaEngine#startWithThreads}; with an executor
 *     given to {@link MediaEngine#start}, on that executor). ICE-TCP transports keep a reading
 *     thread in both modes, since ice4j pushes UDP only. The mode is process-wide in ice4j: engines
 *     running at the same time must agree.
 */
public record MediaEngineOptions(Duration dtlsHandshakeTimeout, int packetThreads) {

  /** Generous for lossy mobile links; BouncyCastle retransmits its flights meanwhile. */
  public static final Duration DEFAULT_DTLS_HANDSHAKE_TIMEOUT = Duration.ofSeconds(20);

  public MediaEngineOptions {
    Objects.requireNonNull(dtlsHandshakeTimeout, "dtlsHandshakeTimeout");
    if (dtlsHandshakeTimeout.isNegative() || dtlsHandshakeTimeout.isZero()) {
      throw new IllegalArgumentException(
          "dtlsHandshakeTimeout must be positive: " + dtlsHandshakeTimeout);
    }
    if (packetThreads < 0 || packetThreads > 256) {
      throw new IllegalArgumentException("packetThreads out of range: " + packetThreads);
    }
  }

  /** Pull mode (one packet thread per transport), as before push mode existed. */
  public MediaEngineOptions(Duration dtlsHandshakeTimeout) {
    this(dtlsHandshakeTimeout, 0);
  }

  public static MediaEngineOptions defaults() {
    return new MediaEngineOptions(DEFAULT_DTLS_HANDSHAKE_TIMEOUT);
  }

  /** A copy in push mode with {@code threads} packet threads (0: pull mode). */
  public MediaEngineOptions withPacketThreads(int threads) {
    return new MediaEngineOptions(dtlsHandshakeTimeout, threads);
  }

  /** Whether UDP data is pushed by ice4j (see {@link #packetThreads()}). */
  public boolean pushApi() {
    return packetThreads > 0;
  }
}
