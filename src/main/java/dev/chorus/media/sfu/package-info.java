/**
 * The selective forwarding unit, in mediasoup's vocabulary: a {@link dev.chorus.media.sfu.Router}
 * per room, a {@link dev.chorus.media.sfu.WebRtcTransport} per browser connection (seen by the
 * router as a {@link dev.chorus.media.sfu.RouterTransport}), a {@link
 * dev.chorus.media.sfu.Producer} per incoming track and a {@link dev.chorus.media.sfu.Consumer} per
 * (producer, subscriber) pair.
 *
 * <p>Transport layer: {@link dev.chorus.media.sfu.MediaEngine} (one per application: the shared ICE
 * ports, the DTLS certificate, executors handed in by the container) creates {@link
 * dev.chorus.media.sfu.WebRtcTransport}s (ICE session, DTLS-SRTP, a packet thread, counters, a
 * documented close cascade). Decrypted packets go to a {@link dev.chorus.media.sfu.MediaListener}:
 * {@link dev.chorus.media.sfu.EchoForwarder} for the connection test, a {@link
 * dev.chorus.media.sfu.RouterTransport} in a room. Packet path per transport: {@link
 * dev.chorus.media.sfu.ReceiveLoop} (demultiplex, decrypt, parse, deliver), {@link
 * dev.chorus.media.sfu.DtlsLink}, {@link dev.chorus.media.sfu.SrtpSender} (encrypt, send).
 *
 * <p>Routing layer (jitsi-media-transform style, one small class per job): on the way in, {@link
 * dev.chorus.media.sfu.SsrcLearner} (SSRC from MID/RID), {@link
 * dev.chorus.media.sfu.ReceiveStatistics} (RFC 3550 A.1/A.3/A.8), {@link
 * dev.chorus.media.sfu.RetransmissionCache}, {@link dev.chorus.media.sfu.NackRequester} (uplink
 * loss), {@link dev.chorus.media.sfu.RtxPacket} (RFC 4588), {@link
 * dev.chorus.media.sfu.ActiveSpeakerDetector} (RFC 6464); per consumer {@link
 * dev.chorus.media.sfu.LayerSelector}, {@link dev.chorus.media.sfu.StreamRewriter}, {@link
 * dev.chorus.media.sfu.ExtensionRewriter}, {@link dev.chorus.media.sfu.Vp8PictureRewriter}, {@link
 * dev.chorus.media.sfu.SentHistory}, {@link dev.chorus.media.sfu.NackResponder}, {@link
 * dev.chorus.media.sfu.SenderReportWriter}; feedback: {@link
 * dev.chorus.media.sfu.KeyframeRequestThrottle}, {@link dev.chorus.media.sfu.PublisherFeedback}
 * (RR, REMB, transport-cc to publishers), {@link dev.chorus.media.sfu.LayerAllocator} (REMB from
 * subscribers to simulcast layers). Diagnostics: {@link dev.chorus.media.sfu.SimulatedLoss} (drops
 * a share of the video to subscribers, off by default, to watch NACK/RTX repair it).
 *
 * <p>No allocation per forwarded RTP packet (copy into the transport's scratch buffer, rewrite in
 * place, encrypt in place), no logging per packet, no lock shared between routers (copy-on-write
 * arrays for the packet paths, the router's own monitor for structure changes).
 *
 * <p>May depend on every other {@code media} package; nothing outside {@code media} but {@code
 * signaling}, {@code config} and {@code admin} may depend on it.
 */
package dev.chorus.media.sfu;
