package dev.chorus.media.srtp;

import java.util.Objects;

/**
 * SRTP and SRTCP protection for one transport (one DTLS association): encrypts what we send with
 * our side's keys and decrypts what the peer sends with its keys, in place in the caller's array.
 *
 * <p>No method throws on packet input: garbage, truncated or forged packets come back as a failure
 * {@link SrtpResult}. On failure the buffer's contents are unspecified (GCM may have decrypted in
 * place before the tag check failed), so drop the packet. On success the packet still starts at the
 * same offset and is {@link SrtpResult#length()} long.
 *
 * <p>Encrypting needs free room after the packet: {@link SrtpProfile#rtpOverhead()} bytes for RTP
 * and {@link SrtpProfile#rtcpOverhead()} for RTCP, else {@link SrtpStatus#BUFFER_TOO_SMALL}.
 *
 * <p>Rollover counters and the 64-packet replay windows are kept per SSRC by jitsi-srtp contexts,
 * created lazily: on receive only after a packet from that SSRC authenticates, on send at its first
 * packet. Both directions cap how many SSRCs they track (least recently used out).
 *
 * <p>Thread-safety: every method may be called from any thread. The expected use is one thread
 * decrypting per transport and any number of threads encrypting; sends of one SSRC are serialized
 * by its context, different SSRCs proceed in parallel. What the caller must still do: encrypt the
 * packets of one SSRC roughly in sequence-number order (a packet more than 32768 behind the highest
 * sent would be given the wrong rollover counter).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc3711">RFC 3711</a> (SRTP)
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7714">RFC 7714</a> (AES-GCM for SRTP)
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5764#section-4.2">RFC 5764 §4.2</a> (keys)
 */
public final class SrtpSession implements AutoCloseable {
  /** Inbound SSRCs tracked per transport: a browser sends about ten (simulcast, RTX, audio). */
  public static final int DEFAULT_MAX_INBOUND_SSRCS = 64;

  /** Outbound SSRCs tracked per transport: one per consumer plus RTX, far above real rooms. */
  public static final int DEFAULT_MAX_OUTBOUND_SSRCS = 1024;

  private final SrtpProfile profile;
  private final SrtpRole role;
  private final SrtpEncryptor encryptor;
  private final SrtpDecryptor decryptor;

  private SrtpSession(SrtpKeyingMaterial keys, SrtpRole role, int maxInbound, int maxOutbound) {
    this.profile = keys.profile();
    this.role = role;
    this.encryptor = new SrtpEncryptor(keys, role, maxOutbound);
    this.decryptor = new SrtpDecryptor(keys, role, maxInbound);
  }

  /**
   * A session for the side that had {@code localRole} in the DTLS handshake, with default SSRC
   * caps. Chorus is {@link SrtpRole#SERVER}.
   */
  public static SrtpSession create(SrtpKeyingMaterial keys, SrtpRole localRole) {
    return create(keys, localRole, DEFAULT_MAX_INBOUND_SSRCS, DEFAULT_MAX_OUTBOUND_SSRCS);
  }

  /**
   * As {@link #create(SrtpKeyingMaterial, SrtpRole)} with explicit SSRC caps.
   *
   * @throws IllegalArgumentException if a cap is below 1
   */
  public static SrtpSession create(
      SrtpKeyingMaterial keys, SrtpRole localRole, int maxInboundSsrcs, int maxOutboundSsrcs) {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(localRole, "localRole");
    SrtpBackend.describe();
    return new SrtpSession(keys, localRole, maxInboundSsrcs, maxOutboundSsrcs);
  }

  public SrtpProfile profile() {
    return profile;
  }

  public SrtpRole role() {
    return role;
  }

  /** Encrypts the RTP packet at {@code buf[offset, offset + length)} and appends its tag. */
  public SrtpResult encryptRtp(byte[] buf, int offset, int length) {
    return encryptor.encryptRtp(buf, offset, length);
  }

  /** Verifies, replay-checks and decrypts an SRTP packet; the result length excludes the tag. */
  public SrtpResult decryptRtp(byte[] buf, int offset, int length) {
    return decryptor.decryptRtp(buf, offset, length);
  }

  /** Encrypts a (compound) RTCP packet and appends the E flag + SRTCP index and the tag. */
  public SrtpResult encryptRtcp(byte[] buf, int offset, int length) {
    return encryptor.encryptRtcp(buf, offset, length);
  }

  /**
   * Verifies, replay-checks and decrypts an SRTCP packet; the result length excludes index and tag.
   * Under GCM, unencrypted SRTCP (E flag clear) is refused as {@link SrtpStatus#UNSUPPORTED}.
   */
  public SrtpResult decryptRtcp(byte[] buf, int offset, int length) {
    return decryptor.decryptRtcp(buf, offset, length);
  }

  /**
   * Drops all state for {@code ssrc} in both directions, e.g. when its producer or consumer ends.
   */
  public void forgetSsrc(int ssrc) {
    encryptor.forget(ssrc);
    decryptor.forget(ssrc);
  }

  /** How many outbound SSRCs have an RTP context. */
  public int outboundRtpSsrcCount() {
    return encryptor.rtpContextCount();
  }

  /** How many outbound SSRCs have an RTCP context. */
  public int outboundRtcpSsrcCount() {
    return encryptor.rtcpContextCount();
  }

  /** How many inbound SSRCs have authenticated RTP and are being tracked. */
  public int inboundRtpSsrcCount() {
    return decryptor.rtpContextCount();
  }

  /** How many inbound SSRCs have authenticated RTCP and are being tracked. */
  public int inboundRtcpSsrcCount() {
    return decryptor.rtcpContextCount();
  }

  /**
   * Drops all contexts and wipes the master keys. Idempotent; afterwards every operation returns
   * {@link SrtpStatus#CLOSED}.
   */
  @Override
  public void close() {
    encryptor.close();
    decryptor.close();
  }
}
