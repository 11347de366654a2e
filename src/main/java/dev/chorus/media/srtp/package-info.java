/**
 * SRTP and SRTCP (RFC 3711, RFC 7714) on top of jitsi-srtp: contexts built from DTLS-SRTP keying
 * material for the AES_CM_128_HMAC_SHA1_80 and AEAD_AES_128_GCM profiles.
 *
 * <p>Entry point: {@link dev.chorus.media.srtp.SrtpKeyingMaterial#split} the DTLS exporter output
 * (label {@value dev.chorus.media.srtp.SrtpKeyingMaterial#EXPORTER_LABEL}, {@link
 * dev.chorus.media.srtp.SrtpProfile#keyingMaterialLength()} bytes), then {@link
 * dev.chorus.media.srtp.SrtpSession#create} one session per transport with Chorus's DTLS role
 * ({@link dev.chorus.media.srtp.SrtpRole#SERVER}). Packets are transformed in place and failures
 * come back as {@link dev.chorus.media.srtp.SrtpResult}s, never as exceptions. Call {@link
 * dev.chorus.media.srtp.SrtpBackend#describe()} once at startup to move jitsi-srtp's provider
 * benchmark off the packet path.
 *
 * <p>May depend on {@code media.rtp} and jitsi-srtp only.
 */
package dev.chorus.media.srtp;
