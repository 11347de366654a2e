/**
 * The selective forwarding unit's router layer, in mediasoup's vocabulary: a {@link
 * dev.chorus.media.sfu.Router} per room, a {@link dev.chorus.media.sfu.RouterTransport} per browser
 * connection in it (the router's side of a {@link dev.chorus.media.sfu.transport.WebRtcTransport}),
 * a {@link dev.chorus.media.sfu.Producer} per incoming track and a {@link
 * dev.chorus.media.sfu.Consumer} per (producer, subscriber) pair.
 *
 * <p>Sub-packages, by concern: {@code transport} (engine, WebRTC transports, the receive path and
 * the way out), {@code stream} (per-stream statistics, caches and rewriting), {@code bwe} (rates,
 * transport-cc, REMB, simulcast layer allocation), {@code echo} (the connection test).
 *
 * <p>The two packet paths are each declared in order in one place, pointing at each other: the
 * receive path in {@link dev.chorus.media.sfu.transport.ReceivePath}, the forward path on {@link
 * dev.chorus.media.sfu.Producer#onRtp} (steps 1 to 7, the fan-out) continued by {@code
 * Consumer.forward} (steps 8 to 13). Here too: {@link dev.chorus.media.sfu.SsrcLearner} (SSRC from
 * MID/RID), {@link dev.chorus.media.sfu.NackResponder}, {@link
 * dev.chorus.media.sfu.SenderReportWriter}, {@link dev.chorus.media.sfu.PublisherFeedback} (RR,
 * REMB, transport-cc to publishers), {@link dev.chorus.media.sfu.ActiveSpeakerDetector} (RFC 6464),
 * which need the router's objects.
 *
 * <p>No allocation per forwarded RTP packet (copy into the transport's scratch buffer, rewrite in
 * place, encrypt in place), no logging per packet, no lock shared between routers (copy-on-write
 * arrays for the packet paths, the router's own monitor for structure changes).
 *
 * <p>May depend on every other {@code media} package, its sub-packages included; they do not depend
 * on it. Nothing outside {@code media} but {@code signaling}, {@code config} and {@code admin} may
 * depend on it or its sub-packages.
 */
package dev.chorus.media.sfu;
