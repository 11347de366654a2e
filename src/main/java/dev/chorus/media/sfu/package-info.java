/**
 * The selective forwarding unit, in mediasoup's vocabulary: a Router per room, a WebRtcTransport
 * per browser connection, a Producer per incoming track and a Consumer per (producer, subscriber)
 * pair.
 *
 * <p>What exists: {@link dev.chorus.media.sfu.MediaEngine} (one per application: the shared ICE
 * ports, the DTLS certificate, executors handed in by the container) creates {@link
 * dev.chorus.media.sfu.WebRtcTransport}s (one per peer connection: ICE session, DTLS-SRTP, a packet
 * thread, counters, a documented close cascade). Decrypted packets go to a {@link
 * dev.chorus.media.sfu.MediaListener}; the first one is {@link dev.chorus.media.sfu.EchoForwarder},
 * the connection test's loop-back with SSRC renaming and RTCP translation. Routers, producers and
 * consumers are still to come.
 *
 * <p>Packet path per transport (jitsi-media-transform style, one small class per step): {@link
 * dev.chorus.media.sfu.ReceiveLoop} (demultiplex by first byte, decrypt, parse, deliver), {@link
 * dev.chorus.media.sfu.DtlsLink} (handshake and post-handshake DTLS reading), {@link
 * dev.chorus.media.sfu.SrtpSender} (pooled buffer, encrypt, send). No allocation per RTP packet, no
 * logging per packet, no lock shared between transports.
 *
 * <p>May depend on every other {@code media} package; nothing outside {@code media} but {@code
 * signaling}, {@code config} and {@code admin} may depend on it.
 */
package dev.chorus.media.sfu;
