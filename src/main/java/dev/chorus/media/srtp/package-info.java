/**
 * SRTP and SRTCP (RFC 3711, RFC 7714) on top of jitsi-srtp: contexts built from DTLS-SRTP keying
 * material for the AES_CM_128_HMAC_SHA1_80 and AEAD_AES_128_GCM profiles.
 *
 * <p>May depend on {@code media.rtp} and jitsi-srtp only.
 */
package dev.chorus.media.srtp;
