/**
 * ICE (RFC 8445) for the server side on ice4j: one UDP port and one ICE-TCP port (RFC 6544) shared
 * by every session, candidate address configuration, consent freshness.
 *
 * <p>{@link dev.chorus.media.ice.IceEndpoint} (one per application) owns the shared ports; {@link
 * dev.chorus.media.ice.IceSession} (one per WebRTC transport) is a full, controlled ice4j agent
 * with host candidates on those ports, peer-reflexive remote candidates, a blocking {@code receive}
 * (or, with ice4j's push API, a {@link dev.chorus.media.ice.DatagramHandler} called by ice4j's
 * shared reader thread for UDP data) and a {@code send} over the selected pair, and a watchdog that
 * reports a silent peer as failed after {@link dev.chorus.media.ice.IceConfig#consentTimeout()}.
 * {@link dev.chorus.media.ice.IceCandidate} is the SDP form of candidates.
 *
 * <p>May depend on ice4j only.
 */
package dev.chorus.media.ice;
