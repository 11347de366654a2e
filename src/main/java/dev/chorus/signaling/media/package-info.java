/**
 * Signaling for media through Chorus's own SFU: SDP offers from the browser are answered with the
 * server's ICE candidates, DTLS fingerprint and stream descriptions. Today: the connection test
 * (the server sends each browser its own camera and microphone back).
 *
 * <p>Depends on {@code signaling}, {@code signaling.sdp} and {@code media.sfu}.
 */
package dev.chorus.signaling.media;
