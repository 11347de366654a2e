/**
 * 1:1 calls: the call state machine (invite, ring, accept, decline, cancel, busy, no answer, hang
 * up, connection lost) and the relay of WebRTC signaling between the two parties of an active call.
 * Media flows browser to browser; the server only relays and records history.
 *
 * <p>Depends on {@code signaling} (connections, envelopes) and {@code im}.
 */
package dev.chorus.signaling.call;
