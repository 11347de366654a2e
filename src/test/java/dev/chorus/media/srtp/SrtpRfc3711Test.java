package dev.chorus.media.srtp;

import static dev.chorus.media.srtp.SrtpTestPackets.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import javax.crypto.Cipher;
import org.jitsi.srtp.crypto.Aes;
import org.jitsi.srtp.crypto.SrtpCipherCtr;
import org.junit.jupiter.api.Test;

/**
 * RFC 3711 Appendix B test vectors.
 *
 * <p>B.2 (AES-CM keystream) is checked on the AES-CTR cipher jitsi-srtp's contexts use, because the
 * session never exposes session keys. B.3 (key derivation) is checked end to end: a session keyed
 * with the B.3 master key must produce exactly the packet that the B.3 <em>session</em> keys
 * produce under RFC 3711's packet rules.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc3711#appendix-B.2">RFC 3711 B.2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc3711#appendix-B.3">RFC 3711 B.3</a>
 */
class SrtpRfc3711Test {
  private static final byte[] B2_SESSION_KEY = hex("2B7E151628AED2A6ABF7158809CF4F3C");
  private static final byte[] B2_SESSION_SALT = hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD");

  /** B.2 keystream blocks by block number (counter low 16 bits). */
  private static final int[] B2_BLOCKS = {0x0000, 0x0001, 0x0002, 0xFEFF, 0xFF00, 0xFF01};

  private static final String[] B2_KEYSTREAM = {
    "E03EAD0935C95E80E166B16DD92B4EB4",
    "D23513162B02D0F72A43A2FE4A5F97AB",
    "41E95B3BB0A2E8DD477901E4FCA894C0",
    "EC8CDF7398607CB0F2D21675EA9EA1E4",
    "362B7C3C6773516318A077D7FC5073AE",
    "6A2CC3787889374FBEB4C81B17BA6C44",
  };

  private static final byte[] B3_MASTER_KEY = hex("E1F97A0D3E018BE0D64FA32C06DE4139");
  private static final byte[] B3_MASTER_SALT = hex("0EC675AD498AFEEBB6960B3AABE6");
  private static final byte[] B3_CIPHER_KEY = hex("C61E7A93744F39EE10734AFE3FF7A087");
  private static final byte[] B3_CIPHER_SALT = hex("30CBBC08863D8C85D49DB34A9AE1");
  private static final byte[] B3_AUTH_KEY = hex("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4");

  @Test
  void b2CounterForSsrcZeroIndexZeroIsTheSaltShifted() {
    assertEquals(
        "f0f1f2f3f4f5f6f7f8f9fafbfcfd0000",
        hex(ReferenceSrtp.aesCmIv(B2_SESSION_SALT, 0, 0), 0, 16));
  }

  @Test
  void b2KeystreamFromJitsiSrtpAesCtr() throws Exception {
    Cipher aes = Aes.createCipher("AES/CTR/NoPadding");
    SrtpCipherCtr cipher = new SrtpCipherCtr(aes);
    cipher.init(B2_SESSION_KEY, null);
    cipher.setIV(ReferenceSrtp.aesCmIv(B2_SESSION_SALT, 0, 0), Cipher.ENCRYPT_MODE);
    byte[] keystream = new byte[16 * (0xFF01 + 1)];
    cipher.process(keystream, 0, keystream.length);

    for (int i = 0; i < B2_BLOCKS.length; i++) {
      int at = 16 * B2_BLOCKS[i];
      assertEquals(
          B2_KEYSTREAM[i].toLowerCase(),
          hex(keystream, at, 16),
          "block " + Integer.toHexString(B2_BLOCKS[i]) + " via " + aes.getProvider().getName());
    }
  }

  @Test
  void b2KeystreamFromTheReferenceProtector() {
    byte[] keystream =
        ReferenceSrtp.aesCtr(
            B2_SESSION_KEY,
            ReferenceSrtp.aesCmIv(B2_SESSION_SALT, 0, 0),
            new byte[16 * (0xFF01 + 1)]);
    for (int i = 0; i < B2_BLOCKS.length; i++) {
      assertEquals(B2_KEYSTREAM[i].toLowerCase(), hex(keystream, 16 * B2_BLOCKS[i], 16));
    }
  }

  @Test
  void b3DerivationByTheReferenceProtector() {
    assertArrayEquals(
        B3_CIPHER_KEY,
        ReferenceSrtp.deriveKey(
            B3_MASTER_KEY, B3_MASTER_SALT, ReferenceSrtp.LABEL_RTP_ENCRYPTION, 16));
    assertArrayEquals(
        B3_CIPHER_SALT,
        ReferenceSrtp.deriveKey(B3_MASTER_KEY, B3_MASTER_SALT, ReferenceSrtp.LABEL_RTP_SALT, 14));
    assertArrayEquals(
        B3_AUTH_KEY,
        ReferenceSrtp.deriveKey(B3_MASTER_KEY, B3_MASTER_SALT, ReferenceSrtp.LABEL_RTP_AUTH, 20));
  }

  /**
   * The session derives B.3's session keys: its output equals the packets built from B.3's listed
   * session keys, including across a sequence number wrap, where the rollover counter enters both
   * the IV and the HMAC.
   */
  @Test
  void b3SessionKeysProtectRtpExactly() {
    SrtpProfile profile = SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80;
    byte[] unused = new byte[16];
    SrtpKeyingMaterial keys =
        new SrtpKeyingMaterial(
            profile, B3_MASTER_KEY, unused, B3_MASTER_SALT, Arrays.copyOf(unused, 14));
    ReferenceSrtp.SessionKeys published =
        new ReferenceSrtp.SessionKeys(B3_CIPHER_KEY, B3_AUTH_KEY, B3_CIPHER_SALT);

    try (SrtpSession client = SrtpSession.create(keys, SrtpRole.CLIENT)) {
      int[][] seqAndRoc = {{65534, 0}, {65535, 0}, {0, 1}, {1, 1}};
      for (int[] step : seqAndRoc) {
        byte[] rtp = SrtpTestPackets.rtp(0xCAFEBABE, step[0], 1, 1, 120);
        byte[] buffer = SrtpTestPackets.placed(rtp, 0);

        SrtpResult result = client.encryptRtp(buffer, 0, rtp.length);

        byte[] expected = ReferenceSrtp.protectRtpCm(published, rtp, 12 + 4 + 8, step[1], 10);
        assertEquals(SrtpResult.ok(expected.length), result, "seq " + step[0]);
        assertEquals(
            hex(expected, 0, expected.length),
            hex(buffer, 0, result.length()),
            "seq " + step[0] + " ROC " + step[1]);
      }
    }
  }
}
