package dev.chorus.media.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code a=fingerprint} value syntax of RFC 8122 §5. */
class DtlsFingerprintRfc8122Test {

  /** RFC 8122 §5: hash-func SP fingerprint, fingerprint = 2UHEX *(":" 2UHEX). */
  static final Pattern SHA256_SDP = Pattern.compile("sha-256 [0-9A-F]{2}(:[0-9A-F]{2}){31}");

  static final byte[] DER = "not really a certificate".getBytes();

  @Test
  void sdpValueIsUppercaseColonSeparatedSha256Of32Bytes() throws Exception {
    var fingerprint = DtlsFingerprint.of("sha-256", DER);

    String sdp = fingerprint.toSdpValue();

    assertTrue(SHA256_SDP.matcher(sdp).matches(), sdp);
    assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(DER), fingerprint.value());
  }

  @Test
  void formatsKnownBytesExactly() {
    byte[] bytes = new byte[32];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (0xa0 + i);
    }
    String expected =
        "sha-256 A0:A1:A2:A3:A4:A5:A6:A7:A8:A9:AA:AB:AC:AD:AE:AF:"
            + "B0:B1:B2:B3:B4:B5:B6:B7:B8:B9:BA:BB:BC:BD:BE:BF";

    assertEquals(expected, new DtlsFingerprint("sha-256", bytes).toSdpValue());
  }

  @Test
  void parsesWhatItFormatsAndLowercaseHexFromLenientPeers() {
    var fingerprint = DtlsFingerprint.of("sha-256", DER);

    assertEquals(Optional.of(fingerprint), DtlsFingerprint.parse(fingerprint.toSdpValue()));
    assertEquals(
        Optional.of(fingerprint),
        DtlsFingerprint.parse("SHA-256 " + fingerprint.toSdpValue().substring(8).toLowerCase()));
  }

  @Test
  void parsesOtherRegisteredHashFunctions() {
    var sha1 = DtlsFingerprint.of("sha-1", DER);
    var sha512 = DtlsFingerprint.of("sha-512", DER);

    assertEquals(20, DtlsFingerprint.parse(sha1.toSdpValue()).orElseThrow().value().length);
    assertEquals(64, DtlsFingerprint.parse(sha512.toSdpValue()).orElseThrow().value().length);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "sha-256",
        "sha-256 ",
        "md5 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF",
        "sha-3 00:11",
        "sha-256 00:11:22", // too short
        // 32 pairs without colons, then with a bad separator and a non-hex digit
        "sha-256 00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF",
        "sha-256 00-11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:"
            + "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF",
        "sha-256 0G:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:"
            + "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF",
        // fullwidth digit one (U+FF11), which Character.digit would accept
        "sha-256 0\uFF11:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:"
            + "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF",
      })
  void rejectsMalformedValuesWithoutThrowing(String value) {
    assertTrue(DtlsFingerprint.parse(value).isEmpty(), value);
  }

  @Test
  void matchesOnlyTheHashedCertificate() {
    var fingerprint = DtlsFingerprint.of("sha-256", DER);

    assertTrue(fingerprint.matches(DER));
    assertFalse(fingerprint.matches("another certificate".getBytes()));
  }

  @Test
  void constructorRejectsWrongLengthAndUnknownHash() {
    assertThrows(
        IllegalArgumentException.class, () -> new DtlsFingerprint("sha-256", new byte[20]));
    assertThrows(IllegalArgumentException.class, () -> new DtlsFingerprint("md5", new byte[16]));
  }

  @Test
  void valueIsDefensivelyCopied() {
    var fingerprint = DtlsFingerprint.of("sha-256", DER);
    byte[] leaked = fingerprint.value();
    leaked[0] ^= 1;

    assertTrue(fingerprint.matches(DER));
  }
}
