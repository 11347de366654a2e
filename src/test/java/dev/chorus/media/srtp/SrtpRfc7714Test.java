package dev.chorus.media.srtp;

import static dev.chorus.media.srtp.SrtpTestPackets.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import org.jitsi.srtp.crypto.Aes;
import org.jitsi.srtp.crypto.SrtpCipherGcm;
import org.junit.jupiter.api.Test;

/**
 * RFC 7714 §16 and §17 test vectors for AEAD_AES_128_GCM.
 *
 * <p>The vectors are given under <em>session</em> keys, which jitsi-srtp contexts always derive
 * from a master key, so they are checked on the GCM cipher the contexts use (with IV and AAD built
 * as §8/§9 say) and on {@link ReferenceSrtp}; {@link SrtpSessionConformanceTest} then ties the
 * session's output to that reference.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7714#section-16">RFC 7714 §16</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7714#section-17">RFC 7714 §17</a>
 */
class SrtpRfc7714Test {
  private static final byte[] KEY = hex("000102030405060708090a0b0c0d0e0f");
  private static final byte[] SALT = hex("517569642070726f2071756f");

  private static final byte[] RTP =
      hex(
          "8040f17b8041f8d35501a0b247616c6c696120657374206f6d6e69732064697669736120696e2070617274"
              + "65732074726573");
  private static final String SRTP =
      "8040f17b8041f8d35501a0b2f24de3a3fb34de6cacba861c9d7e4bcabe633bd50d294e6f42a5f47a51c7d19b"
          + "36de3adf8833899d7f27beb16a9152cf765ee4390cce";
  private static final String RTP_IV = "51753c6580c2726f20718414";

  private static final byte[] RTCP =
      hex(
          "81c8000d4d6172734e5450314e545032525450200000042a0000e9304c756e61deadbeefdeadbeefdeadbeef"
              + "deadbeefdeadbeef");
  private static final int RTCP_INDEX = 0x5d4;
  private static final String SRTCP =
      "81c8000d4d61727363e94885dcdab67ca727d7662f6b7e997ff5c0f76c06f32dc676a5f1730d6fda4ce09b46"
          + "86303ded0bb9275bc84aa45896cf4d2fc5abf87245d9eade800005d4";
  private static final String RTCP_IV = "517524055203726f207170bb";

  private static final ReferenceSrtp.SessionKeys SESSION_KEYS =
      new ReferenceSrtp.SessionKeys(KEY, new byte[0], SALT);

  @Test
  void section16RtpIv() {
    assertEquals(RTP_IV, hex(ReferenceSrtp.gcmRtpIv(SALT, 0x5501a0b2, 0, 0xf17b), 0, 12));
  }

  @Test
  void section17RtcpIv() {
    assertEquals(RTCP_IV, hex(ReferenceSrtp.gcmRtcpIv(SALT, 0x4d617273, RTCP_INDEX), 0, 12));
  }

  @Test
  void section16_1_1EncryptionWithJitsiSrtpGcm() throws Exception {
    byte[] buffer = Arrays.copyOf(RTP, RTP.length + 16);
    SrtpCipherGcm cipher = jitsiGcm(Cipher.ENCRYPT_MODE, hex(RTP_IV));
    cipher.processAAD(buffer, 0, 12);
    int sealed = cipher.process(buffer, 12, RTP.length - 12);

    assertEquals(SRTP, hex(buffer, 0, 12 + sealed));
  }

  @Test
  void section16_1_2DecryptionWithJitsiSrtpGcm() throws Exception {
    byte[] buffer = hex(SRTP);
    SrtpCipherGcm cipher = jitsiGcm(Cipher.DECRYPT_MODE, hex(RTP_IV));
    cipher.processAAD(buffer, 0, 12);
    int opened = cipher.process(buffer, 12, buffer.length - 12);

    assertEquals(hex(RTP, 0, RTP.length), hex(buffer, 0, 12 + opened));
  }

  @Test
  void section16_1_2TamperedTagIsRejectedByJitsiSrtpGcm() throws Exception {
    byte[] buffer = hex(SRTP);
    buffer[buffer.length - 1] ^= 1;
    SrtpCipherGcm cipher = jitsiGcm(Cipher.DECRYPT_MODE, hex(RTP_IV));
    cipher.processAAD(buffer, 0, 12);

    assertThrows(AEADBadTagException.class, () -> cipher.process(buffer, 12, buffer.length - 12));
  }

  @Test
  void section17_1EncryptionWithJitsiSrtpGcm() throws Exception {
    byte[] buffer = Arrays.copyOf(RTCP, RTCP.length + 16 + 4);
    byte[] eIndex = ByteBuffer.allocate(4).putInt(0x80000000 | RTCP_INDEX).array();
    SrtpCipherGcm cipher = jitsiGcm(Cipher.ENCRYPT_MODE, hex(RTCP_IV));
    cipher.processAAD(buffer, 0, 8);
    cipher.processAAD(eIndex, 0, 4);
    int sealed = cipher.process(buffer, 8, RTCP.length - 8);
    System.arraycopy(eIndex, 0, buffer, 8 + sealed, 4);

    assertEquals(SRTCP, hex(buffer, 0, 8 + sealed + 4));
  }

  @Test
  void section17_2DecryptionWithJitsiSrtpGcm() throws Exception {
    byte[] buffer = hex(SRTCP);
    SrtpCipherGcm cipher = jitsiGcm(Cipher.DECRYPT_MODE, hex(RTCP_IV));
    cipher.processAAD(buffer, 0, 8);
    cipher.processAAD(buffer, buffer.length - 4, 4);
    int opened = cipher.process(buffer, 8, buffer.length - 8 - 4);

    assertEquals(hex(RTCP, 0, RTCP.length), hex(buffer, 0, 8 + opened));
  }

  @Test
  void section16_1_1ByTheReferenceProtector() {
    byte[] protectedRtp = ReferenceSrtp.protectRtpGcm(SESSION_KEYS, RTP, 12, 0);
    assertEquals(SRTP, hex(protectedRtp, 0, protectedRtp.length));
  }

  @Test
  void section17_1ByTheReferenceProtector() {
    byte[] protectedRtcp = ReferenceSrtp.protectRtcpGcm(SESSION_KEYS, RTCP, RTCP_INDEX);
    assertEquals(SRTCP, hex(protectedRtcp, 0, protectedRtcp.length));
  }

  private static SrtpCipherGcm jitsiGcm(int mode, byte[] iv) throws Exception {
    SrtpCipherGcm cipher = new SrtpCipherGcm(Aes.createCipher("AES/GCM/NoPadding"));
    cipher.init(KEY, null);
    cipher.setIV(iv, mode);
    return cipher;
  }
}
