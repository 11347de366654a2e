package dev.chorus.media.ice;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two content-dependent STUN attributes computed with the JDK, so that no ice4j {@code
 * StunStack} (and none of its threads) is needed: MESSAGE-INTEGRITY (<a
 * href="https://www.rfc-editor.org/rfc/rfc5389#section-15.4">RFC 5389 §15.4</a>, HMAC-SHA1 keyed
 * with the short-term password) and FINGERPRINT (<a
 * href="https://www.rfc-editor.org/rfc/rfc5389#section-15.5">§15.5</a>, CRC-32 xor 0x5354554e).
 * Also the cheap first look at a datagram that decides whether it is STUN at all (<a
 * href="https://www.rfc-editor.org/rfc/rfc7983#section-7">RFC 7983 §7</a>).
 *
 * <p>Every method is bounds-checked and never throws on malformed input.
 */
final class StunIntegrity {
  static final int HEADER = 20;
  static final int MAGIC_COOKIE = 0x2112A442;
  static final int MESSAGE_INTEGRITY = 0x0008;
  static final int FINGERPRINT = 0x8028;
  static final int MI_LENGTH = 20;
  private static final long FINGERPRINT_XOR = 0x5354554eL;

  private StunIntegrity() {}

  /**
   * Whether {@code buf[off, off+len)} is framed like a STUN message: first two bits zero (RFC 7983
   * first byte 0-3), the magic cookie, and a length field that covers exactly the rest, in whole
   * 32-bit words (RFC 5389 §6).
   */
  static boolean looksLikeStun(byte[] buf, int off, int len) {
    if (buf == null || off < 0 || len < HEADER || len > buf.length - off) {
      return false;
    }
    if ((buf[off] & 0xC0) != 0 || readInt(buf, off + 4) != MAGIC_COOKIE) {
      return false;
    }
    int bodyLength = readShort(buf, off + 2);
    return bodyLength == len - HEADER && (bodyLength & 3) == 0;
  }

  /**
   * Absolute offset of the first attribute of {@code type} in a message that {@link
   * #looksLikeStun}, or -1 if absent or if the attribute list is malformed.
   */
  static int findAttribute(byte[] buf, int off, int len, int type) {
    int end = off + len;
    int at = off + HEADER;
    while (at + 4 <= end) {
      int t = readShort(buf, at);
      int l = readShort(buf, at + 2);
      if (at + 4 + l > end) {
        return -1;
      }
      if (t == type) {
        return at;
      }
      at += 4 + ((l + 3) & ~3);
    }
    return -1;
  }

  /**
   * Whether the MESSAGE-INTEGRITY attribute at {@code miAt} is the HMAC-SHA1 of everything before
   * it, with the header's length field counting up to the end of that attribute.
   */
  static boolean verifyIntegrity(byte[] buf, int off, int len, int miAt, byte[] key) {
    if (miAt < off + HEADER
        || miAt + 4 + MI_LENGTH > off + len
        || readShort(buf, miAt + 2) != MI_LENGTH) {
      return false;
    }
    byte[] expected = hmac(buf, off, miAt, key);
    if (expected == null) {
      return false;
    }
    byte[] actual = new byte[MI_LENGTH];
    System.arraycopy(buf, miAt + 4, actual, 0, MI_LENGTH);
    return MessageDigest.isEqual(expected, actual);
  }

  /**
   * Appends MESSAGE-INTEGRITY and FINGERPRINT to an encoded message that has neither, fixing the
   * length field.
   *
   * @return a new array
   */
  static byte[] sign(byte[] message, byte[] key) {
    int miAt = message.length;
    byte[] out = new byte[miAt + 4 + MI_LENGTH + 8];
    System.arraycopy(message, 0, out, 0, miAt);
    writeShort(out, miAt, MESSAGE_INTEGRITY);
    writeShort(out, miAt + 2, MI_LENGTH);
    byte[] mac = hmac(out, 0, miAt, key);
    if (mac == null) {
      throw new IllegalStateException("HmacSHA1 unavailable");
    }
    System.arraycopy(mac, 0, out, miAt + 4, MI_LENGTH);
    int fpAt = miAt + 4 + MI_LENGTH;
    writeShort(out, 2, out.length - HEADER);
    writeShort(out, fpAt, FINGERPRINT);
    writeShort(out, fpAt + 2, 4);
    writeInt(out, fpAt + 4, (int) fingerprint(out, 0, fpAt));
    return out;
  }

  /** Whether a FINGERPRINT attribute at {@code fpAt} matches the bytes before it. */
  static boolean verifyFingerprint(byte[] buf, int off, int len, int fpAt) {
    if (fpAt < off + HEADER || fpAt + 8 > off + len || readShort(buf, fpAt + 2) != 4) {
      return false;
    }
    return (readInt(buf, fpAt + 4) & 0xFFFFFFFFL) == fingerprint(buf, off, fpAt);
  }

  /** CRC-32 xor 0x5354554e of {@code buf[off, end)}, whose length field must already count it. */
  private static long fingerprint(byte[] buf, int off, int end) {
    var crc = new CRC32();
    crc.update(buf, off, end - off);
    return crc.getValue() ^ FINGERPRINT_XOR;
  }

  /** HMAC-SHA1 of the header (length adjusted to end after MI) and the attributes before MI. */
  private static byte[] hmac(byte[] buf, int off, int miAt, byte[] key) {
    try {
      var mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      mac.update(buf, off, 2);
      int length = miAt + 4 + MI_LENGTH - off - HEADER;
      mac.update((byte) (length >> 8));
      mac.update((byte) length);
      mac.update(buf, off + 4, miAt - off - 4);
      return mac.doFinal();
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return null;
    }
  }

  static int readShort(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }

  static int readInt(byte[] b, int at) {
    return (readShort(b, at) << 16) | readShort(b, at + 2);
  }

  private static void writeShort(byte[] b, int at, int v) {
    b[at] = (byte) (v >> 8);
    b[at + 1] = (byte) v;
  }

  private static void writeInt(byte[] b, int at, int v) {
    writeShort(b, at, v >>> 16);
    writeShort(b, at + 2, v);
  }
}
