/**
 * SDP (RFC 8866) parse and write for what browsers send and what the SFU answers: Unified Plan,
 * BUNDLE, rtcp-mux, mids, msid, ssrc-group FID, extmap, rtcp-fb.
 *
 * <p>Entry points: {@link dev.chorus.signaling.sdp.SessionDescription#parse} (untrusted text to an
 * {@link dev.chorus.signaling.sdp.SdpResult}, never throws), {@link
 * dev.chorus.signaling.sdp.SessionDescription#toSdp} (CRLF text), {@link
 * dev.chorus.signaling.sdp.SessionDescription#builder} and {@link
 * dev.chorus.signaling.sdp.MediaDescription#builder} for what the SFU writes, and {@link
 * dev.chorus.signaling.sdp.Candidate#parse} for trickled candidates. Every line is kept, in RFC
 * 8866 §5 order, so parse→write reproduces the SDP of every stack in the fixtures exactly (the
 * harmless deviations the parser tolerates come out normalised); typed queries (codecs, RTX
 * pairing, header extension ids, ICE credentials, fingerprints) read the lines on demand. All model
 * types are immutable and safe to share between threads.
 *
 * <p>Plain Java: no {@code jakarta.*}, no other Chorus package.
 */
package dev.chorus.signaling.sdp;
