package dev.chorus.bench.load;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The controlling ICE agent's side of STUN, as a browser sends it to an ICE-lite server: a Binding
 * request with USERNAME, PRIORITY, ICE-CONTROLLING, USE-CANDIDATE, MESSAGE-INTEGRITY and
 * FINGERPRINT (RFC 8445 §7.2.2, RFC 5389 §15), and the check of its success response. Sent again
 * every few seconds it is the consent freshness check (RFC 7675) that keeps the session alive.
 */
final class Stun {
  private static final int COOKIE = 0x2112A442;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Stun() {}

  static byte[] transactionId() {
    var id = new byte[12];
    RANDOM.nextBytes(id);
    return id;
  }

  static byte[] bindingRequest(byte[] transactionId, String username, String password) {
    var name = username.getBytes(UTF_8);
    int namePadded = (name.length + 3) & ~3;
    int body = 4 + namePadded + 8 + 12 + 4 + 24 + 8;
    var b = ByteBuffer.allocate(20 + body);
    b.putShort((short) 0x0001).putShort((short) body).putInt(COOKIE).put(transactionId);
    b.putShort((short) 0x0006).putShort((short) name.length).put(name);
    b.put(new byte[namePadded - name.length]);
    b.putShort((short) 0x0024).putShort((short) 4).putInt(1_853_824_767);
    b.putShort((short) 0x802A).putShort((short) 8).putLong(RANDOM.nextLong());
    b.putShort((short) 0x0025).putShort((short) 0);
    int integrityAt = b.position();
    b.putShort((short) 0x0008).putShort((short) 20).put(new byte[20]);
    int fingerprintAt = b.position();
    b.putShort((short) 0x8028).putShort((short) 4).putInt(0);
    byte[] m = b.array();
    // MESSAGE-INTEGRITY: HMAC-SHA1 over the message up to it, length counting up to its end.
    putLength(m, integrityAt + 24 - 20);
    var hmac = hmac(password.getBytes(UTF_8), m, integrityAt);
    System.arraycopy(hmac, 0, m, integrityAt + 4, 20);
    // FINGERPRINT: CRC-32 of everything before it, XOR 0x5354554e, length counting the whole.
    putLength(m, body);
    var crc = new CRC32();
    crc.update(m, 0, fingerprintAt);
    ByteBuffer.wrap(m, fingerprintAt + 4, 4).putInt((int) (crc.getValue() ^ 0x5354554EL));
    return m;
  }

  /** A Binding success response (0x0101) to {@code transactionId}. */
  static boolean isSuccessFor(byte[] buf, int len, byte[] transactionId) {
    return len >= 20
        && buf[0] == 0x01
        && buf[1] == 0x01
        && Arrays.equals(buf, 8, 20, transactionId, 0, 12);
  }

  private static void putLength(byte[] m, int length) {
    m[2] = (byte) (length >>> 8);
    m[3] = (byte) length;
  }

  private static byte[] hmac(byte[] key, byte[] data, int len) {
    try {
      var mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      mac.update(data, 0, len);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
