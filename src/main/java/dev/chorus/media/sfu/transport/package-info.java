/**
 * The SFU's transport layer: one {@link dev.chorus.media.sfu.transport.MediaEngine} per application
 * (the shared ICE ports, the DTLS certificate, a fixed set of threads from the container's thread
 * factory: ICE readers, a shared packet pool, a bounded DTLS handshake pool) creates {@link
 * dev.chorus.media.sfu.transport.WebRtcTransport}s (ICE session, DTLS-SRTP, an inbound queue
 * drained on the packet pool, counters, a documented close cascade).
 *
 * <p>The receive path is declared in order in {@link dev.chorus.media.sfu.transport.ReceivePath}:
 * {@link dev.chorus.media.sfu.transport.PushReceiver} (bounded queue onto the pool), demultiplex,
 * {@link dev.chorus.media.sfu.transport.DtlsLink} or SRTP/SRTCP decrypt, then the transport's
 * {@link dev.chorus.media.sfu.transport.MediaListener} (a router transport in a room, the echo for
 * the connection test). The way out: {@link dev.chorus.media.sfu.transport.SrtpSender} (encrypt in
 * place, send), reached through {@link dev.chorus.media.sfu.transport.RtpSink} and {@link
 * dev.chorus.media.sfu.transport.RtcpSink}. Engine-wide settings the routers read: {@link
 * dev.chorus.media.sfu.transport.RetransmissionBudget}, {@link
 * dev.chorus.media.sfu.transport.SimulatedLoss} (diagnostics, off by default).
 *
 * <p>Depends on {@code media.rtp}, {@code media.srtp}, {@code media.dtls} and {@code media.ice}
 * only: not on the router ({@code media.sfu}), {@code stream}, {@code bwe} or {@code echo}.
 */
package dev.chorus.media.sfu.transport;
