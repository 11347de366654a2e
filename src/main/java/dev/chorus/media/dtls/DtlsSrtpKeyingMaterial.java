package dev.chorus.media.dtls;

import java.util.Arrays;

/**
 * What a completed DTLS-SRTP handshake hands to SRTP: the negotiated protection profile and the
 * material exported with label {@code EXTRACTOR-dtls_srtp}, laid out as (<a
 * href="https://www.rfc-editor.org/rfc/rfc5764#section-4.2">RFC 5764 §4.2</a>) {@code
 * client_write_SRTP_master_key | server_write_SRTP_master_key | client_write_SRTP_master_salt |
 * server_write_SRTP_master_salt}.
 *
 * <p>The DTLS client is the browser, so "client write" keys protect what we receive and "server
 * write" keys protect what we send.
 *
 * @param profile IANA id of the SRTP protection profile (see {@link SrtpProtectionProfiles})
 * @param keyingMaterial the exported bytes (copied on the way in and out)
 * @param peerFingerprint fingerprint of the certificate the peer presented, as verified
 */
public record DtlsSrtpKeyingMaterial(
    int profile, byte[] keyingMaterial, DtlsFingerprint peerFingerprint) {

  /** The exporter label of RFC 5764 §4.2. */
  public static final String EXPORTER_LABEL = "EXTRACTOR-dtls_srtp";

  public DtlsSrtpKeyingMaterial {
    int expected = SrtpProtectionProfiles.keyingMaterialLength(profile);
    if (keyingMaterial.length != expected) {
      throw new IllegalArgumentException(
          SrtpProtectionProfiles.name(profile)
              + " needs "
              + expected
              + " bytes of keying material, got "
              + keyingMaterial.length);
    }
    keyingMaterial = keyingMaterial.clone();
  }

  @Override
  public byte[] keyingMaterial() {
    return keyingMaterial.clone();
  }

  /** Master key for SRTP sent by the DTLS client (what the SFU decrypts). */
  public byte[] clientWriteMasterKey() {
    return slice(0, keyLength());
  }

  /** Master key for SRTP sent by the DTLS server (what the SFU encrypts). */
  public byte[] serverWriteMasterKey() {
    return slice(keyLength(), keyLength());
  }

  public byte[] clientWriteMasterSalt() {
    return slice(2 * keyLength(), saltLength());
  }

  public byte[] serverWriteMasterSalt() {
    return slice(2 * keyLength() + saltLength(), saltLength());
  }

  private int keyLength() {
    return SrtpProtectionProfiles.masterKeyLength(profile);
  }

  private int saltLength() {
    return SrtpProtectionProfiles.masterSaltLength(profile);
  }

  private byte[] slice(int from, int length) {
    return Arrays.copyOfRange(keyingMaterial, from, from + length);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DtlsSrtpKeyingMaterial that
        && profile == that.profile
        && Arrays.equals(keyingMaterial, that.keyingMaterial)
        && peerFingerprint.equals(that.peerFingerprint);
  }

  @Override
  public int hashCode() {
    return (profile * 31 + Arrays.hashCode(keyingMaterial)) * 31 + peerFingerprint.hashCode();
  }

  /** Never prints the secret. */
  @Override
  public String toString() {
    return "DtlsSrtpKeyingMaterial["
        + SrtpProtectionProfiles.name(profile)
        + ", "
        + keyingMaterial.length
        + " bytes, peer "
        + peerFingerprint
        + "]";
  }
}
