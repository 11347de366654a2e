package dev.chorus.media.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A certificate fingerprint as carried in the SDP {@code a=fingerprint} attribute (<a
 * href="https://www.rfc-editor.org/rfc/rfc8122#section-5">RFC 8122 §5</a>): a hash function name
 * from the IANA "Hash Function Textual Names" registry and the hash of the DER certificate as
 * uppercase hex pairs separated by colons, e.g. {@code sha-256 AB:CD:...}.
 *
 * <p>Parsing never throws: malformed values come back as {@link Optional#empty()}.
 *
 * @param hashFunction lower-case textual name, e.g. {@code sha-256}
 * @param value the raw hash bytes (copied on the way in and out)
 */
public record DtlsFingerprint(String hashFunction, byte[] value) {

  /** The hash function browsers use and the one we announce for our own certificate. */
  public static final String SHA_256 = "sha-256";

  // RFC 8122 §5 allows any registered hash; md2/md5 are explicitly deprecated and left out.
  private static final Map<String, String> JCA_NAMES =
      Map.of(
          "sha-1", "SHA-1", "sha-224", "SHA-224", SHA_256, "SHA-256", "sha-384", "SHA-384",
          "sha-512", "SHA-512");

  private static final Map<String, Integer> LENGTHS =
      Map.of("sha-1", 20, "sha-224", 28, SHA_256, 32, "sha-384", 48, "sha-512", 64);

  public DtlsFingerprint {
    hashFunction = hashFunction.toLowerCase(Locale.ROOT);
    Integer expected = LENGTHS.get(hashFunction);
    if (expected == null) {
      throw new IllegalArgumentException("unsupported hash function " + hashFunction);
    }
    if (value.length != expected) {
      throw new IllegalArgumentException(
          hashFunction + " fingerprint must be " + expected + " bytes, got " + value.length);
    }
    value = value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  /** Hashes a DER-encoded certificate with {@code hashFunction}. */
  public static DtlsFingerprint of(String hashFunction, byte[] derCertificate) {
    String name = hashFunction.toLowerCase(Locale.ROOT);
    String jca = JCA_NAMES.get(name);
    if (jca == null) {
      throw new IllegalArgumentException("unsupported hash function " + hashFunction);
    }
    return new DtlsFingerprint(name, digest(jca, derCertificate));
  }

  /**
   * Parses the value of an {@code a=fingerprint} attribute (without the {@code a=fingerprint:}
   * prefix), e.g. {@code "sha-256 AB:CD:..."}. Hex digits are accepted in either case, since some
   * endpoints send lower case; unknown hash functions and wrong lengths are rejected.
   */
  public static Optional<DtlsFingerprint> parse(String sdpValue) {
    if (sdpValue == null) {
      return Optional.empty();
    }
    String trimmed = sdpValue.strip();
    int space = trimmed.indexOf(' ');
    if (space <= 0) {
      return Optional.empty();
    }
    String hash = trimmed.substring(0, space).toLowerCase(Locale.ROOT);
    Integer length = LENGTHS.get(hash);
    String hex = trimmed.substring(space + 1).strip();
    if (length == null || hex.length() != length * 3 - 1) {
      return Optional.empty();
    }
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      int at = i * 3;
      if (i > 0 && hex.charAt(at - 1) != ':') {
        return Optional.empty();
      }
      int high = hexDigit(hex.charAt(at));
      int low = hexDigit(hex.charAt(at + 1));
      if (high < 0 || low < 0) {
        return Optional.empty();
      }
      bytes[i] = (byte) ((high << 4) | low);
    }
    return Optional.of(new DtlsFingerprint(hash, bytes));
  }

  // Character.digit would also accept non-ASCII digits such as U+FF11.
  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }

  /** The attribute value for SDP: {@code sha-256 AB:CD:...} (uppercase, RFC 8122 §5). */
  public String toSdpValue() {
    return hashFunction + " " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(value);
  }

  /** Whether {@code derCertificate} hashes to this fingerprint (constant-time comparison). */
  public boolean matches(byte[] derCertificate) {
    return MessageDigest.isEqual(value, digest(JCA_NAMES.get(hashFunction), derCertificate));
  }

  private static byte[] digest(String jcaName, byte[] data) {
    try {
      return MessageDigest.getInstance(jcaName).digest(data);
    } catch (NoSuchAlgorithmException e) {
      // Every Java SE platform must provide SHA-1 and the SHA-2 family.
      throw new IllegalStateException(jcaName + " missing from the JDK", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DtlsFingerprint that
        && hashFunction.equals(that.hashFunction)
        && Arrays.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    return hashFunction.hashCode() * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return toSdpValue();
  }
}
