package dev.chorus.media.srtp;

import java.util.Optional;

/**
 * The DTLS-SRTP protection profiles Chorus negotiates in the {@code use_srtp} extension.
 *
 * <p>Lengths are in bytes. Both profiles use the same length for SRTP and SRTCP tags.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5764#section-4.1.2">RFC 5764 §4.1.2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7714#section-14.2">RFC 7714 §14.2</a>
 */
public enum SrtpProfile {
  /** AES-128 counter mode with an 80-bit HMAC-SHA1 tag (RFC 3711, RFC 5764 §4.1.2). */
  SRTP_AES128_CM_HMAC_SHA1_80(0x0001, 16, 14, 10, 20),

  /** AES-128-GCM AEAD with a 128-bit tag (RFC 7714 §14.2); what browsers prefer. */
  SRTP_AEAD_AES_128_GCM(0x0007, 16, 12, 16, 0);

  /** The length of the SRTCP index word (E flag + 31-bit index) appended to every SRTCP packet. */
  static final int SRTCP_INDEX_LENGTH = 4;

  private final int id;
  private final int cipherKeyLength;
  private final int saltLength;
  private final int authTagLength;
  private final int authKeyLength;

  SrtpProfile(int id, int cipherKeyLength, int saltLength, int authTagLength, int authKeyLength) {
    this.id = id;
    this.cipherKeyLength = cipherKeyLength;
    this.saltLength = saltLength;
    this.authTagLength = authTagLength;
    this.authKeyLength = authKeyLength;
  }

  /** The two-byte protection profile identifier as carried in the DTLS {@code use_srtp} list. */
  public int id() {
    return id;
  }

  /** Master key length. */
  public int cipherKeyLength() {
    return cipherKeyLength;
  }

  /** Master salt length. */
  public int saltLength() {
    return saltLength;
  }

  /** Authentication tag length of SRTP and SRTCP packets. */
  public int authTagLength() {
    return authTagLength;
  }

  /** Session authentication key length; 0 for AEAD profiles, whose tag comes from the cipher. */
  public int authKeyLength() {
    return authKeyLength;
  }

  /** True for the AEAD (GCM) profile. */
  public boolean isAead() {
    return authKeyLength == 0;
  }

  /**
   * How many bytes of DTLS exported keying material this profile needs: two keys and two salts (RFC
   * 5764 §4.2).
   */
  public int keyingMaterialLength() {
    return 2 * (cipherKeyLength + saltLength);
  }

  /** Bytes an SRTP packet grows by on encryption: the tag. */
  public int rtpOverhead() {
    return authTagLength;
  }

  /** Bytes an SRTCP packet grows by on encryption: the tag and the E flag + SRTCP index word. */
  public int rtcpOverhead() {
    return authTagLength + SRTCP_INDEX_LENGTH;
  }

  /** The profile with this {@code use_srtp} identifier, or empty if Chorus does not support it. */
  public static Optional<SrtpProfile> fromId(int id) {
    for (SrtpProfile profile : values()) {
      if (profile.id == id) {
        return Optional.of(profile);
      }
    }
    return Optional.empty();
  }
}
