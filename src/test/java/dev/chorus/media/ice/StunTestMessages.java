package dev.chorus.media.ice;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The browser's side of STUN for tests, written with the JDK (no ice4j agent, stack or thread): a
 * signed Binding request as a controlling ICE agent sends it (RFC 8445 §7.2.2), and checks on a
 * response (RFC 5389 §15.2, §15.4, §15.5). Public so that the sfu tests can drive a raw UDP peer.
 */
public final class StunTestMessages {
  private static final SecureRandom RANDOM = new SecureRandom();

  private StunTestMessages() {}

  public static byte[] transactionId() {
    var id = new byte[12];
    RANDOM.nextBytes(id);
    return id;
  }

  /**
   * A Binding request with USERNAME, PRIORITY, ICE-CONTROLLING, optionally USE-CANDIDATE, then
   * MESSAGE-INTEGRITY keyed with {@code password} and FINGERPRINT.
   */
  public static byte[] bindingRequest(
      byte[] transactionId, String username, String password, boolean useCandidate) {
    var name = username.getBytes(UTF_8);
    int namePadded = (name.length + 3) & ~3;
    int body = 4 + namePadded + 8 + 12 + (useCandidate ? 4 : 0) + 24 + 8;
    var b = ByteBuffer.allocate(20 + body);
    b.putShort((short) 0x0001).putShort((short) body).putInt(0x2112A442).put(transactionId);
    b.putShort((short) 0x0006).putShort((short) name.length).put(name);
    b.put(new byte[namePadded - name.length]);
    b.putShort((short) 0x0024).putShort((short) 4).putInt(1_853_824_767);
    b.putShort((short) 0x802A).putShort((short) 8).putLong(RANDOM.nextLong());
    if (useCandidate) {
      b.putShort((short) 0x0025).putShort((short) 0);
    }
    b.putShort((short) 0x0008).putShort((short) 20).put(new byte[20]);
    b.putShort((short) 0x8028).putShort((short) 4).putInt(0);
    byte[] message = b.array();
    StunChecks.resign(message, password.getBytes(UTF_8));
    return message;
  }

  /** Whether {@code response} is a Binding success response to {@code transactionId}. */
  public static boolean isSuccessFor(byte[] response, byte[] transactionId) {
    return response.length >= 20
        && response[0] == 0x01
        && response[1] == 0x01
        && Arrays.equals(Arrays.copyOfRange(response, 8, 20), transactionId);
  }

  /** Whether MESSAGE-INTEGRITY verifies with {@code password} and FINGERPRINT is right. */
  public static boolean signedWith(byte[] response, String password) {
    return StunChecks.attributeOffset(response, StunChecks.MESSAGE_INTEGRITY) > 0
        && StunChecks.attributeOffset(response, StunChecks.FINGERPRINT) > 0
        && Arrays.equals(
            StunChecks.expectedIntegrity(response, password.getBytes(UTF_8)),
            StunChecks.actualIntegrity(response))
        && StunChecks.expectedFingerprint(response) == StunChecks.actualFingerprint(response);
  }

  /** The XOR-MAPPED-ADDRESS of a response (RFC 5389 §15.2), decoded by hand. */
  public static InetSocketAddress xorMappedAddress(byte[] response) {
    int at = StunChecks.attributeOffset(response, 0x0020);
    if (at < 0) {
      throw new AssertionError("no XOR-MAPPED-ADDRESS");
    }
    int family = response[at + 5];
    int port = (((response[at + 6] & 0xFF) << 8) | (response[at + 7] & 0xFF)) ^ 0x2112;
    int size = family == 1 ? 4 : 16;
    var address = new byte[size];
    for (int i = 0; i < size; i++) {
      // The cookie, then (IPv6) the transaction id, are the XOR key: bytes 4..19 of the header.
      address[i] = (byte) (response[at + 8 + i] ^ response[4 + i]);
    }
    try {
      return new InetSocketAddress(InetAddress.getByAddress(address), port);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
