/**
 * SDP (RFC 8866) parse and write for what browsers send and what the SFU answers: Unified Plan,
 * BUNDLE, rtcp-mux, mids, msid, ssrc-group FID, extmap, rtcp-fb.
 *
 * <p>Plain Java: no {@code jakarta.*}, no other Chorus package.
 */
package dev.chorus.signaling.sdp;
