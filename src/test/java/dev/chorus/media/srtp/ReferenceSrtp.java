package dev.chorus.media.srtp;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A deliberately naive SRTP/SRTCP protector written straight from RFC 3711 and RFC 7714 with the
 * JDK's own AES and HMAC, used to check the jitsi-srtp based session byte for byte. It is itself
 * checked against the RFC test vectors in {@link SrtpRfc3711Test} and {@link SrtpRfc7714Test}.
 */
final class ReferenceSrtp {
  static final int LABEL_RTP_ENCRYPTION = 0;
  static final int LABEL_RTP_AUTH = 1;
  static final int LABEL_RTP_SALT = 2;
  static final int LABEL_RTCP_ENCRYPTION = 3;
  static final int LABEL_RTCP_AUTH = 4;
  static final int LABEL_RTCP_SALT = 5;

  /** Session keys of one direction and one of RTP/RTCP; {@code authKey} is empty under GCM. */
  record SessionKeys(byte[] encryptionKey, byte[] authKey, byte[] salt) {}

  private ReferenceSrtp() {}

  /**
   * RFC 3711 §4.3.1/§4.3.3 with key_derivation_rate 0: AES-CM keystream under the master key,
   * started at IV = (label at octet 7 XOR master salt) * 2^16. A 96-bit GCM master salt is placed
   * the same way, left-aligned and zero-padded (the convention jitsi-srtp uses).
   */
  static byte[] deriveKey(byte[] masterKey, byte[] masterSalt, int label, int length) {
    byte[] iv = new byte[16];
    System.arraycopy(masterSalt, 0, iv, 0, masterSalt.length);
    iv[7] ^= (byte) label;
    return aesCtr(masterKey, iv, new byte[length]);
  }

  static SessionKeys rtpKeys(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
    return keys(profile, masterKey, masterSalt, LABEL_RTP_ENCRYPTION);
  }

  static SessionKeys rtcpKeys(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
    return keys(profile, masterKey, masterSalt, LABEL_RTCP_ENCRYPTION);
  }

  private static SessionKeys keys(
      SrtpProfile profile, byte[] masterKey, byte[] masterSalt, int encryptionLabel) {
    return new SessionKeys(
        deriveKey(masterKey, masterSalt, encryptionLabel, profile.cipherKeyLength()),
        deriveKey(masterKey, masterSalt, encryptionLabel + 1, profile.authKeyLength()),
        deriveKey(masterKey, masterSalt, encryptionLabel + 2, profile.saltLength()));
  }

  /** RFC 3711 §4.1.1: IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16). */
  static byte[] aesCmIv(byte[] sessionSalt, int ssrc, long index) {
    byte[] iv = new byte[16];
    System.arraycopy(sessionSalt, 0, iv, 0, 14);
    for (int i = 0; i < 4; i++) {
      iv[4 + i] ^= (byte) (ssrc >>> (24 - 8 * i));
    }
    for (int i = 0; i < 6; i++) {
      iv[8 + i] ^= (byte) (index >>> (40 - 8 * i));
    }
    return iv;
  }

  /** RFC 7714 §8.1: IV = (00 00 || SSRC || ROC || SEQ) XOR salt. */
  static byte[] gcmRtpIv(byte[] sessionSalt, int ssrc, int roc, int seq) {
    ByteBuffer block = ByteBuffer.allocate(12).putShort((short) 0).putInt(ssrc).putInt(roc);
    block.putShort((short) seq);
    return xor(block.array(), sessionSalt);
  }

  /** RFC 7714 §9.1: IV = (00 00 || SSRC || 00 00 || 0 || SRTCP index) XOR salt. */
  static byte[] gcmRtcpIv(byte[] sessionSalt, int ssrc, int index) {
    ByteBuffer block = ByteBuffer.allocate(12).putShort((short) 0).putInt(ssrc);
    block.putShort((short) 0).putInt(index & 0x7fffffff);
    return xor(block.array(), sessionSalt);
  }

  /** RFC 3711 §3.1/§4.1/§4.2: AES-CM payload, then HMAC-SHA1(header||payload||ROC) truncated. */
  static byte[] protectRtpCm(
      SessionKeys keys, byte[] rtp, int headerLength, int roc, int tagLength) {
    int ssrc = SrtpPacketChecks.readInt(rtp, 8);
    int seq = (rtp[2] & 0xff) << 8 | (rtp[3] & 0xff);
    long index = ((long) roc << 16) | seq;
    byte[] out = Arrays.copyOf(rtp, rtp.length + tagLength);
    byte[] payload = Arrays.copyOfRange(rtp, headerLength, rtp.length);
    byte[] encrypted = aesCtr(keys.encryptionKey(), aesCmIv(keys.salt(), ssrc, index), payload);
    System.arraycopy(encrypted, 0, out, headerLength, encrypted.length);
    byte[] authenticated =
        ByteBuffer.allocate(rtp.length + 4).put(out, 0, rtp.length).putInt(roc).array();
    System.arraycopy(hmacSha1(keys.authKey(), authenticated), 0, out, rtp.length, tagLength);
    return out;
  }

  /** RFC 3711 §3.4: encrypt after the first 8 octets, append E||index, tag all of it. */
  static byte[] protectRtcpCm(SessionKeys keys, byte[] rtcp, int index, int tagLength) {
    int ssrc = SrtpPacketChecks.readInt(rtcp, 4);
    byte[] payload = Arrays.copyOfRange(rtcp, 8, rtcp.length);
    byte[] encrypted = aesCtr(keys.encryptionKey(), aesCmIv(keys.salt(), ssrc, index), payload);
    ByteBuffer out = ByteBuffer.allocate(rtcp.length + 4 + tagLength);
    out.put(rtcp, 0, 8).put(encrypted).putInt(0x80000000 | index);
    byte[] tag = hmacSha1(keys.authKey(), Arrays.copyOf(out.array(), rtcp.length + 4));
    return out.put(tag, 0, tagLength).array();
  }

  /** RFC 7714 §8.2: AAD is the header, the payload is encrypted, the 16-octet tag appended. */
  static byte[] protectRtpGcm(SessionKeys keys, byte[] rtp, int headerLength, int roc) {
    int ssrc = SrtpPacketChecks.readInt(rtp, 8);
    int seq = (rtp[2] & 0xff) << 8 | (rtp[3] & 0xff);
    byte[] iv = gcmRtpIv(keys.salt(), ssrc, roc, seq);
    byte[] sealed =
        aesGcm(
            keys.encryptionKey(),
            iv,
            Arrays.copyOf(rtp, headerLength),
            Arrays.copyOfRange(rtp, headerLength, rtp.length));
    return ByteBuffer.allocate(headerLength + sealed.length)
        .put(rtp, 0, headerLength)
        .put(sealed)
        .array();
  }

  /** RFC 7714 §9.2/§9.3: AAD is the 8-octet header plus E||index; E||index goes last. */
  static byte[] protectRtcpGcm(SessionKeys keys, byte[] rtcp, int index) {
    int ssrc = SrtpPacketChecks.readInt(rtcp, 4);
    int eIndex = 0x80000000 | index;
    byte[] aad = ByteBuffer.allocate(12).put(rtcp, 0, 8).putInt(eIndex).array();
    byte[] sealed =
        aesGcm(
            keys.encryptionKey(),
            gcmRtcpIv(keys.salt(), ssrc, index),
            aad,
            Arrays.copyOfRange(rtcp, 8, rtcp.length));
    return ByteBuffer.allocate(8 + sealed.length + 4)
        .put(rtcp, 0, 8)
        .put(sealed)
        .putInt(eIndex)
        .array();
  }

  static byte[] aesCtr(byte[] key, byte[] iv, byte[] data) {
    try {
      Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding", "SunJCE");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
      return cipher.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] aesGcm(byte[] key, byte[] iv, byte[] aad, byte[] plaintext) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
      cipher.init(
          Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
      cipher.updateAAD(aad);
      return cipher.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] hmacSha1(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1", "SunJCE");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] xor(byte[] a, byte[] b) {
    byte[] out = new byte[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (byte) (a[i] ^ b[i]);
    }
    return out;
  }
}
