/**
 * Signaling for media through Chorus's own SFU: SDP offers from the browser are answered with the
 * server's ICE candidates, DTLS fingerprint and stream descriptions, and for rooms the server makes
 * offers of its own. The connection test ({@link dev.chorus.signaling.media.EchoHandler}: the
 * server sends each browser its own camera and microphone back) and room audio/video ({@link
 * dev.chorus.signaling.media.RoomMediaHandler}, {@link
 * dev.chorus.signaling.media.RoomMediaService}: a Router per room, a send and a receive transport
 * per tab; see docs/media.md, "Rooms: signaling and life cycle").
 *
 * <p>Depends on {@code signaling}, {@code signaling.sdp}, {@code im.room} (occupancy and its
 * events) and {@code media.sfu}.
 */
package dev.chorus.signaling.media;
