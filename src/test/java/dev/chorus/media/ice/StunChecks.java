package dev.chorus.media.ice;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Independent STUN integrity checks for tests, computed with the JDK rather than ice4j: HMAC-SHA1
 * for MESSAGE-INTEGRITY (RFC 5389 section 15.4) and CRC-32 xor 0x5354554e for FINGERPRINT (RFC 5389
 * section 15.5).
 */
final class StunChecks {
  static final int HEADER = 20;
  static final int MESSAGE_INTEGRITY = 0x0008;
  static final int FINGERPRINT = 0x8028;

  private StunChecks() {}

  static byte[] hex(String text) {
    return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
  }

  /** Offset of the first attribute of {@code type}, or -1. */
  static int attributeOffset(byte[] message, int type) {
    int length = ((message[2] & 0xFF) << 8) | (message[3] & 0xFF);
    int offset = HEADER;
    while (offset + 4 <= HEADER + length) {
      int t = ((message[offset] & 0xFF) << 8) | (message[offset + 1] & 0xFF);
      int l = ((message[offset + 2] & 0xFF) << 8) | (message[offset + 3] & 0xFF);
      if (t == type) {
        return offset;
      }
      offset += 4 + ((l + 3) & ~3);
    }
    return -1;
  }

  /** HMAC-SHA1 of the message up to MESSAGE-INTEGRITY, with the length field adjusted. */
  static byte[] expectedIntegrity(byte[] message, byte[] key) {
    int mi = attributeOffset(message, MESSAGE_INTEGRITY);
    if (mi < 0) {
      throw new AssertionError("no MESSAGE-INTEGRITY");
    }
    var covered = Arrays.copyOf(message, mi);
    int length = mi + 24 - HEADER;
    covered[2] = (byte) (length >> 8);
    covered[3] = (byte) length;
    try {
      var mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      return mac.doFinal(covered);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** The MESSAGE-INTEGRITY value carried by the message. */
  static byte[] actualIntegrity(byte[] message) {
    int mi = attributeOffset(message, MESSAGE_INTEGRITY);
    return Arrays.copyOfRange(message, mi + 4, mi + 24);
  }

  /** CRC-32 xor 0x5354554e of the message up to FINGERPRINT. */
  static long expectedFingerprint(byte[] message) {
    int fp = attributeOffset(message, FINGERPRINT);
    var crc = new CRC32();
    crc.update(message, 0, fp);
    return crc.getValue() ^ 0x5354554eL;
  }

  static long actualFingerprint(byte[] message) {
    int fp = attributeOffset(message, FINGERPRINT);
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (message[fp + 4 + i] & 0xFF);
    }
    return v;
  }

  /** Rewrites MESSAGE-INTEGRITY and FINGERPRINT after the covered bytes changed. */
  static void resign(byte[] message, byte[] key) {
    int mi = attributeOffset(message, MESSAGE_INTEGRITY);
    System.arraycopy(expectedIntegrity(message, key), 0, message, mi + 4, 20);
    int fp = attributeOffset(message, FINGERPRINT);
    if (fp >= 0) {
      long crc = expectedFingerprint(message);
      for (int i = 0; i < 4; i++) {
        message[fp + 4 + i] = (byte) (crc >> (24 - 8 * i));
      }
    }
  }
}
