package dev.chorus.media.sfu.transport;

import dev.chorus.media.ice.IceSession.SelectedPair;
import dev.chorus.media.ice.IceSessionState;
import java.util.Optional;

/**
 * What the admin API shows about one {@link WebRtcTransport} at one moment.
 *
 * @param id the transport's id (its local ICE ufrag)
 * @param state the transport's state
 * @param iceState the ICE session's own state
 * @param selectedPair the candidate pair ICE uses at the time of the snapshot (the browser may
 *     switch pairs after connecting), kept after the transport ends for post-mortems; its transport
 *     tells UDP from ICE-TCP
 * @param srtpProfile the negotiated SRTP protection profile, e.g. {@code SRTP_AEAD_AES_128_GCM},
 *     once DTLS completed
 * @param counters packet counters
 */
public record TransportSnapshot(
    String id,
    TransportState state,
    IceSessionState iceState,
    Optional<SelectedPair> selectedPair,
    Optional<String> srtpProfile,
    TransportStats.Counters counters) {}
