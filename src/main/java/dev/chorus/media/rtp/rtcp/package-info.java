/**
 * RTCP (RFC 3550 §6) and the feedback messages a WebRTC SFU terminates and regenerates: sender and
 * receiver reports, SDES, BYE, PLI and generic NACK (RFC 4585), FIR (RFC 5104), REMB
 * (draft-alvestrand-rmcat-remb-03) and transport-wide congestion control feedback
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01).
 *
 * <p>RTCP is low-rate, so packets parse into small immutable values ({@link
 * dev.chorus.media.rtp.rtcp.RtcpPacket}); {@link dev.chorus.media.rtp.rtcp.RtcpCompoundIterator}
 * walks a compound packet without allocating when only the headers matter. Parsers never throw on
 * malformed input: they return an empty {@link java.util.Optional}.
 */
package dev.chorus.media.rtp.rtcp;
