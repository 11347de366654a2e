package dev.chorus.media.sfu;

import dev.chorus.media.sfu.transport.RetransmissionBudget;
import dev.chorus.media.sfu.transport.SimulatedLoss;

/**
 * A consumer's counters at one moment, for the admin API; read without locks.
 *
 * @param packets RTP packets sent to the subscriber (retransmissions not included)
 * @param bytes their bytes before encryption
 * @param bitrate bits/s over the last second
 * @param notSent packets the transport refused (not connected, too large, ...)
 * @param currentLayer the simulcast layer being forwarded, -1 while waiting for a key frame
 * @param targetLayer the layer the subscriber's feedback allows (and its preference caps)
 * @param nacksReceived packets the subscriber asked to have resent
 * @param retransmitted of those, resent from the cache
 * @param retransmissionMisses of those, no longer (or never) in the cache
 * @param nacksOverBudget of those, ignored because the consumer's {@link RetransmissionBudget}
 *     bytes per second were spent
 * @param nacksOverRepeatLimit of those, ignored because the packet was already resent {@link
 *     RetransmissionBudget#maxPerPacket()} times
 * @param keyframeRequestsReceived PLI and FIR entries from the subscriber
 * @param fractionLost the subscriber's last report: loss in 1/256
 * @param packetsLost the subscriber's last report: cumulative loss
 * @param jitter the subscriber's last report: jitter, timestamp units
 * @param rttMicros round-trip time from the subscriber's LSR/DLSR, -1 until measured
 * @param simulatedLossDrops packets not sent on purpose by {@link SimulatedLoss} (counted in {@code
 *     packets}: lost on the way, as far as the subscriber can tell)
 */
public record ConsumerStats(
    String id,
    String producerId,
    MediaKind kind,
    long ssrc,
    long rtxSsrc,
    boolean paused,
    long packets,
    long bytes,
    long bitrate,
    long notSent,
    int currentLayer,
    int targetLayer,
    long nacksReceived,
    long retransmitted,
    long retransmissionMisses,
    long nacksOverBudget,
    long nacksOverRepeatLimit,
    long keyframeRequestsReceived,
    int fractionLost,
    long packetsLost,
    long jitter,
    long rttMicros,
    long simulatedLossDrops) {}
