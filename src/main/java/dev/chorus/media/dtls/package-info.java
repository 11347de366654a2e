/**
 * DTLS-SRTP (RFC 5763, RFC 5764) server side on BouncyCastle: certificate and SDP fingerprint, peer
 * fingerprint check, use_srtp negotiation and keying material export.
 *
 * <p>May depend on BouncyCastle and {@code media.srtp} (for the profile names) only.
 */
package dev.chorus.media.dtls;
