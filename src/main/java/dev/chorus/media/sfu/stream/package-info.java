/**
 * Per-stream logic of the SFU, pure and single-threaded (each object belongs to one producer stream
 * or one consumer and is used on one packet thread): the RTP parameters of a track ({@link
 * dev.chorus.media.sfu.stream.RtpCodec}, {@link dev.chorus.media.sfu.stream.VideoFormat}, {@link
 * dev.chorus.media.sfu.stream.HeaderExtensionIds}); on the way in {@link
 * dev.chorus.media.sfu.stream.ReceiveStatistics} (RFC 3550 A.1/A.3/A.8), {@link
 * dev.chorus.media.sfu.stream.RetransmissionCache}, {@link
 * dev.chorus.media.sfu.stream.NackRequester} (uplink loss), {@link
 * dev.chorus.media.sfu.stream.RtxPacket} (RFC 4588), {@link
 * dev.chorus.media.sfu.stream.KeyframeRequestThrottle}; per consumer the rewriting: {@link
 * dev.chorus.media.sfu.stream.LayerSelector}, {@link dev.chorus.media.sfu.stream.StreamRewriter},
 * {@link dev.chorus.media.sfu.stream.PayloadTypeMap}, {@link
 * dev.chorus.media.sfu.stream.ExtensionRewriter} (with {@link
 * dev.chorus.media.sfu.stream.NtpClock}), {@link dev.chorus.media.sfu.stream.Vp8PictureRewriter},
 * {@link dev.chorus.media.sfu.stream.SentHistory}. The order they run in is declared by the router:
 * {@code Producer.onRtp} and {@code Consumer.forward}.
 *
 * <p>No allocation per packet, no locks, no threads. Depends on {@code media.rtp} and {@code
 * media.codec} only: not on the router ({@code media.sfu}), {@code transport}, {@code bwe} or
 * {@code echo}.
 */
package dev.chorus.media.sfu.stream;
