/**
 * RTP (RFC 3550) and RTCP wire formats: parse, inspect and write packets in place.
 *
 * <p>The bottom of the media plane: depends on nothing but the JDK. Parsers never throw on
 * malformed input; they return an empty result and the caller counts it.
 *
 * <p>Per-packet path, allocation-free: {@link dev.chorus.media.rtp.DatagramDemux} sorts a datagram
 * on the shared port into STUN, DTLS, RTP or RTCP; {@link dev.chorus.media.rtp.RtpPacket} is a
 * reusable view over a pooled buffer with in-place setters and RFC 8285 header extension access
 * ({@link dev.chorus.media.rtp.HeaderExtensionCursor}). {@link
 * dev.chorus.media.rtp.RtpPacketBuilder} composes new packets (tests, RTX). RTCP lives in {@code
 * rtcp}. Views and builders are not thread-safe: one per packet thread.
 */
package dev.chorus.media.rtp;
