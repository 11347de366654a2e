package dev.chorus.media.sfu;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of a {@link MediaEngine} that are not ICE network settings (those are in {@link
 * dev.chorus.media.ice.IceConfig}).
 *
 * @param dtlsHandshakeTimeout how long the DTLS handshake may take once ICE has connected before
 *     the transport fails
 */
public record MediaEngineOptions(Duration dtlsHandshakeTimeout) {

  /** Generous for lossy mobile links; BouncyCastle retransmits its flights meanwhile. */
  public static final Duration DEFAULT_DTLS_HANDSHAKE_TIMEOUT = Duration.ofSeconds(20);

  public MediaEngineOptions {
    Objects.requireNonNull(dtlsHandshakeTimeout, "dtlsHandshakeTimeout");
    if (dtlsHandshakeTimeout.isNegative() || dtlsHandshakeTimeout.isZero()) {
      throw new IllegalArgumentException(
          "dtlsHandshakeTimeout must be positive: " + dtlsHandshakeTimeout);
    }
  }

  public static MediaEngineOptions defaults() {
    return new MediaEngineOptions(DEFAULT_DTLS_HANDSHAKE_TIMEOUT);
  }
}
