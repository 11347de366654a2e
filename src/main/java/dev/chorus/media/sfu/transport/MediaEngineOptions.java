package dev.chorus.media.sfu.transport;

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
 * @param maxTransports how many transports the engine holds at once; {@link
 *     MediaEngine#createTransport} refuses more
 * @param retransmissionBudget what each consumer may spend answering NACKs
 * @param maxHandshakesPerAddress DTLS handshakes admitted to the handshake pool at once from one
 *     remote IP address (running or waiting for a thread); more from there wait their turn outside
 *     the pool, so one address that sends ClientHellos and then nothing holds at most this many of
 *     the {@code handshakeThreads}
 * @param maxHandshakesPerOwner the same per owner key given to {@link MediaEngine#createTransport}
 *     (e.g. a user), for a user who comes from several addresses
 * @param maxDtlsDatagramsPerSecond DTLS datagrams a transport handles per second (a burst of one
 *     second's worth); more are dropped and counted ({@code dropped}), so a peer flooding DTLS
 *     costs the packet pool little
 */
public record MediaEngineOptions(
    Duration dtlsHandshakeTimeout,
    int packetThreads,
    int handshakeThreads,
    Duration dtlsFirstRecordTimeout,
    int maxTransports,
    RetransmissionBudget retransmissionBudget,
    int maxHandshakesPerAddress,
    int maxHandshakesPerOwner,
    int maxDtlsDatagramsPerSecond) {

  /** Generous for lossy mobile links; BouncyCastle retransmits its flights meanwhile. */
  public static final Duration DEFAULT_DTLS_HANDSHAKE_TIMEOUT = Duration.ofSeconds(20);

  /** Packet work is light (no transcoding): two threads carry many rooms. */
  public static final int DEFAULT_PACKET_THREADS = 2;

  /** A handshake takes a few round trips; four at once absorb a room's worth of joins. */
  public static final int DEFAULT_HANDSHAKE_THREADS = 4;

  /** Browsers send their ClientHello right after nominating; 10 s covers a lossy start. */
  public static final Duration DEFAULT_DTLS_FIRST_RECORD_TIMEOUT = Duration.ofSeconds(10);

  /** Two transports per participant: a room of 250, or several smaller ones. */
  public static final int DEFAULT_MAX_TRANSPORTS = 500;

  /**
   * Half the default handshake threads: an address (or user) that stalls its handshakes leaves the
   * other half to everyone else, and a tab's two transports still shake hands at once.
   */
  public static final int DEFAULT_MAX_HANDSHAKES_PER_ADDRESS = 2;

  public static final int DEFAULT_MAX_HANDSHAKES_PER_OWNER = 2;

  /**
   * A handshake is about ten datagrams, an established session almost none (a retransmitted
   * Finished, close_notify): 50 a second is generous for a browser and small for a flood.
   */
  public static final int DEFAULT_MAX_DTLS_DATAGRAMS_PER_SECOND = 50;

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
    if (maxTransports < 1) {
      throw new IllegalArgumentException("maxTransports must be at least 1: " + maxTransports);
    }
    Objects.requireNonNull(retransmissionBudget, "retransmissionBudget");
    if (maxHandshakesPerAddress < 1 || maxHandshakesPerOwner < 1) {
      throw new IllegalArgumentException("handshakes per address and per owner must be at least 1");
    }
    if (maxDtlsDatagramsPerSecond < 10) {
      throw new IllegalArgumentException(
          "maxDtlsDatagramsPerSecond must be at least 10 (a handshake): "
              + maxDtlsDatagramsPerSecond);
    }
  }

  /** These timeouts and thread counts with the default limits. */
  public MediaEngineOptions(
      Duration dtlsHandshakeTimeout,
      int packetThreads,
      int handshakeThreads,
      Duration dtlsFirstRecordTimeout) {
    this(
        dtlsHandshakeTimeout,
        packetThreads,
        handshakeThreads,
        dtlsFirstRecordTimeout,
        DEFAULT_MAX_TRANSPORTS,
        RetransmissionBudget.defaults(),
        DEFAULT_MAX_HANDSHAKES_PER_ADDRESS,
        DEFAULT_MAX_HANDSHAKES_PER_OWNER,
        DEFAULT_MAX_DTLS_DATAGRAMS_PER_SECOND);
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
    return copy(d -> d.packetThreads = threads);
  }

  /** A copy allowing {@code threads} concurrent DTLS handshakes. */
  public MediaEngineOptions withHandshakeThreads(int threads) {
    return copy(d -> d.handshakeThreads = threads);
  }

  /** A copy in which the peer's first DTLS record must come within {@code timeout}. */
  public MediaEngineOptions withDtlsFirstRecordTimeout(Duration timeout) {
    return copy(d -> d.dtlsFirstRecordTimeout = timeout);
  }

  /** A copy holding at most {@code max} transports. */
  public MediaEngineOptions withMaxTransports(int max) {
    return copy(d -> d.maxTransports = max);
  }

  /** A copy whose consumers answer NACKs within {@code budget}. */
  public MediaEngineOptions withRetransmissionBudget(RetransmissionBudget budget) {
    return copy(d -> d.retransmissionBudget = budget);
  }

  /** A copy admitting at most so many concurrent handshakes per remote address and per owner. */
  public MediaEngineOptions withHandshakesPer(int address, int owner) {
    return copy(
        d -> {
          d.maxHandshakesPerAddress = address;
          d.maxHandshakesPerOwner = owner;
        });
  }

  /** A copy in which a transport handles at most {@code datagrams} DTLS datagrams a second. */
  public MediaEngineOptions withMaxDtlsDatagramsPerSecond(int datagrams) {
    return copy(d -> d.maxDtlsDatagramsPerSecond = datagrams);
  }

  /** A copy with what {@code change} sets changed, validated like any other. */
  private MediaEngineOptions copy(java.util.function.Consumer<Draft> change) {
    var draft = new Draft(this);
    change.accept(draft);
    return draft.build();
  }

  /** The components of a copy being made, one settable field each. */
  private static final class Draft {
    Duration dtlsHandshakeTimeout;
    int packetThreads;
    int handshakeThreads;
    Duration dtlsFirstRecordTimeout;
    int maxTransports;
    RetransmissionBudget retransmissionBudget;
    int maxHandshakesPerAddress;
    int maxHandshakesPerOwner;
    int maxDtlsDatagramsPerSecond;

    Draft(MediaEngineOptions o) {
      dtlsHandshakeTimeout = o.dtlsHandshakeTimeout;
      packetThreads = o.packetThreads;
      handshakeThreads = o.handshakeThreads;
      dtlsFirstRecordTimeout = o.dtlsFirstRecordTimeout;
      maxTransports = o.maxTransports;
      retransmissionBudget = o.retransmissionBudget;
      maxHandshakesPerAddress = o.maxHandshakesPerAddress;
      maxHandshakesPerOwner = o.maxHandshakesPerOwner;
      maxDtlsDatagramsPerSecond = o.maxDtlsDatagramsPerSecond;
    }

    MediaEngineOptions build() {
      return new MediaEngineOptions(
          dtlsHandshakeTimeout,
          packetThreads,
          handshakeThreads,
          dtlsFirstRecordTimeout,
          maxTransports,
          retransmissionBudget,
          maxHandshakesPerAddress,
          maxHandshakesPerOwner,
          maxDtlsDatagramsPerSecond);
    }
  }
}
