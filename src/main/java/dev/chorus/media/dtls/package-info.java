/**
 * DTLS-SRTP (RFC 5763, RFC 5764) server side on BouncyCastle: certificate and SDP fingerprint, peer
 * fingerprint check, use_srtp negotiation and keying material export.
 *
 * <p>Flow: generate one {@link dev.chorus.media.dtls.DtlsCertificate} at startup and announce its
 * {@link dev.chorus.media.dtls.DtlsCertificate#fingerprint()} with {@code a=setup:passive}; per
 * browser connection, feed DTLS datagrams into a {@link
 * dev.chorus.media.dtls.QueueDatagramTransport} and run {@link
 * dev.chorus.media.dtls.DtlsServer#accept} on an executor (it blocks); hand the resulting {@link
 * dev.chorus.media.dtls.DtlsSrtpKeyingMaterial} to SRTP.
 *
 * <p>May depend on BouncyCastle only. SRTP protection profiles are referred to by their IANA ids
 * ({@link dev.chorus.media.dtls.SrtpProtectionProfiles}) so that {@code media.srtp} and this
 * package stay independent; the SFU maps one to the other.
 */
package dev.chorus.media.dtls;
