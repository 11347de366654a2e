package dev.chorus.media.sfu;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of a {@link MediaEngine} that are not ICE network settings (those are in {@link
 * dev.chorus.media.ice.IceConfig}).
 *
 * @param dtlsHandshakeTimeout how long after ICE connected the DTLS handshake must be complete,
 *     time spent waiting for a handshake thread included, before the transport fails
 * @param packetThreads the size of the shared pool that runs every transport's packet work
 *     (decrypt, route, encrypt, send), one datagram at a time per transport; at least 1
 * @param handshakeThreads how many DTLS handshakes may run at once (each blocks a thread while it
 *     runs, BouncyCastle being blocking); more wait in a queue, so a burst of joins costs no extra
 *     threads; at least 1
 * @param dtlsFirstRecordTimeout how long after ICE connected the peer's first DTLS record (its
 *     ClientHello) must arrive before the transport fails; a handshake takes a thread only once
 *     that record is here, so a peer that connects ICE and stays silent holds none
 */
public record MediaEngineOptions(
    Duration dtlsHandshakeTimeout,
    int packetThreads,
    int handshakeThreads,
    Duration dtlsFirstRecordTimeout) {

  /** Generous for lossy mobile links; BouncyCastle retransmits its flights meanwhile. */
  public static final Duration DEFAULT_DTLS_HANDSHAKE_TIMEOUT = Duration.ofSeconds(20);

  /** Packet work is light (no transcoding): two threads carry many rooms. */
  public static final int DEFAULT_PACKET_THREADS = 2;

  /** A handshake takes a few round trips; four at once absorb a room's worth of joins. */
  public static final int DEFAULT_HANDSHAKE_THREADS = 4;

  /** Browsers send their ClientHello right after nominating; 10 s covers a lossy start. */
  public static final Duration DEFAULT_DTLS_FIRST_RECORD_TIMEOUT = Duration.ofSeconds(10);

  public MediaEngineOptions {
    Objects.requireNonNull(dtlsHandshakeTimeout, "dtlsHandshakeTimeout");
    if (dtlsHandshakeTimeout.isNegative() || dtlsHandshakeTimeout.isZero()) {
      throw new IllegalArgumentException(
          "dtlsHandshakeTimeout must be positive: " + dtlsHandshakeTimeout);
    }
    if (packetThreads < 1 || packetThreads > 256) {
      throw new IllegalArgumentException("packetThreads must be 1-256: " + packetThreads);
    }
    if (handshakeThreads < 1 || handshakeThreads > 64) {
      throw new IllegalArgumentException("handshakeThreads must be 1-64: " + handshakeThreads);
    }
    Objects.requireNonNull(dtlsFirstRecordTimeout, "dtlsFirstRecordTimeout");
    if (dtlsFirstRecordTimeout.isNegative() || dtlsFirstRecordTimeout.isZero()) {
      throw new IllegalArgumentException(
          "dtlsFirstRecordTimeout must be positive: " + dtlsFirstRecordTimeout);
    }
  }

  /** These thread counts with the default first-record timeout. */
  public MediaEngineOptions(
      Duration dtlsHandshakeTimeout, int packetThreads, int handshakeThreads) {
    this(dtlsHandshakeTimeout, packetThreads, handshakeThreads, DEFAULT_DTLS_FIRST_RECORD_TIMEOUT);
  }

  /** Default thread counts and first-record timeout with this handshake timeout. */
  public MediaEngineOptions(Duration dtlsHandshakeTimeout) {
    this(dtlsHandshakeTimeout, DEFAULT_PACKET_THREADS, DEFAULT_HANDSHAKE_THREADS);
  }

  public static MediaEngineOptions defaults() {
    return new MediaEngineOptions(DEFAULT_DTLS_HANDSHAKE_TIMEOUT);
  }

  /** A copy with {@code threads} packet threads. */
  public MediaEngineOptions withPacketThreads(int threads) {
    return new MediaEngineOptions(
        dtlsHandshakeTimeout, threads, handshakeThreads, dtlsFirstRecordTimeout);
  }

  /** A copy allowing {@code threads} concurrent DTLS handshakes. */
  public MediaEngineOptions withHandshakeThreads(int threads) {
    return new MediaEngineOptions(
        dtlsHandshakeTimeout, packetThreads, threads, dtlsFirstRecordTimeout);
  }

  /** A copy in which the peer's first DTLS record must come within {@code timeout}. */
  public MediaEngineOptions withDtlsFirstRecordTimeout(Duration timeout) {
    return new MediaEngineOptions(dtlsHandshakeTimeout, packetThreads, handshakeThreads, timeout);
  }
}
