/**
 * ICE for the server side as an ICE-lite agent (RFC 8445 §2.5): one UDP port and one ICE-TCP port
 * (RFC 6544, RFC 4571 framing) shared by every session, on sockets this package owns; candidate
 * address configuration; consent freshness (RFC 7675) driven by the browser's checks.
 *
 * <p>{@link dev.chorus.media.ice.IceEndpoint} (one per application) owns the sockets and a fixed
 * number of reader tasks (one per UDP host address, one selector loop for ICE-TCP); {@link
 * dev.chorus.media.ice.IceSession} (one per WebRTC transport) answers the browser's checks ( {@code
 * StunResponder}: USERNAME and MESSAGE-INTEGRITY checked, XOR-MAPPED-ADDRESS answered), learns its
 * peer-reflexive addresses, follows its USE-CANDIDATE nomination, hands its datagrams to a {@link
 * dev.chorus.media.ice.DatagramHandler} on the reader thread and sends over the selected pair
 * without blocking; a watchdog reports a silent peer as failed after {@link
 * dev.chorus.media.ice.IceConfig#consentTimeout()}. {@link dev.chorus.media.ice.IceCandidate} is
 * the SDP form of candidates.
 *
 * <p>May depend on the JDK and ice4j's STUN message and attribute classes only (no ice4j agent,
 * harvester, socket or stack: those start threads of their own).
 */
package dev.chorus.media.ice;
