package dev.chorus.media.dtls;

import static dev.chorus.media.dtls.SrtpProtectionProfiles.AEAD_AES_128_GCM;
import static dev.chorus.media.dtls.SrtpProtectionProfiles.AES128_CM_HMAC_SHA1_80;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.OptionalInt;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.junit.jupiter.api.Test;

/**
 * use_srtp profile choice (RFC 5764 §4.1.1, §4.1.2; RFC 7714 §14.2) and the keying material layout
 * (RFC 5764 §4.2).
 */
class DtlsSrtpRfc5764Test {

  @Test
  void profileIdsAreTheIanaOnes() {
    assertEquals(SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80, AES128_CM_HMAC_SHA1_80);
    assertEquals(SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM, AEAD_AES_128_GCM);
    assertEquals(0x0001, AES128_CM_HMAC_SHA1_80);
    assertEquals(0x0007, AEAD_AES_128_GCM);
    assertEquals(ExporterLabel.dtls_srtp, DtlsSrtpKeyingMaterial.EXPORTER_LABEL);
  }

  @Test
  void prefersGcmWhateverTheClientOrder() {
    // Chrome's offer: AEAD_AES_256_GCM, AEAD_AES_128_GCM, AES128_CM_SHA1_80, AES128_CM_SHA1_32
    assertEquals(
        OptionalInt.of(AEAD_AES_128_GCM),
        SrtpProtectionProfiles.select(new int[] {0x0008, 0x0007, 0x0001, 0x0002}));
    assertEquals(
        OptionalInt.of(AEAD_AES_128_GCM),
        SrtpProtectionProfiles.select(new int[] {0x0001, 0x0007}));
  }

  @Test
  void fallsBackToAesCmAndRejectsNoOverlap() {
    assertEquals(
        OptionalInt.of(AES128_CM_HMAC_SHA1_80),
        SrtpProtectionProfiles.select(new int[] {0x0002, 0x0001}));
    assertTrue(SrtpProtectionProfiles.select(new int[] {0x0002, 0x0008}).isEmpty());
    assertTrue(SrtpProtectionProfiles.select(new int[0]).isEmpty());
    assertTrue(SrtpProtectionProfiles.select(null).isEmpty());
  }

  @Test
  void keyingMaterialLengthsAreTwiceKeyPlusSalt() {
    assertEquals(60, SrtpProtectionProfiles.keyingMaterialLength(AES128_CM_HMAC_SHA1_80));
    assertEquals(56, SrtpProtectionProfiles.keyingMaterialLength(AEAD_AES_128_GCM));
    assertThrows(IllegalArgumentException.class, () -> SrtpProtectionProfiles.masterKeyLength(2));
  }

  @Test
  void splitsAesCmMaterialInRfc5764Order() {
    var material = new DtlsSrtpKeyingMaterial(AES128_CM_HMAC_SHA1_80, counting(60), peer());

    assertArrayEquals(range(0, 16), material.clientWriteMasterKey());
    assertArrayEquals(range(16, 32), material.serverWriteMasterKey());
    assertArrayEquals(range(32, 46), material.clientWriteMasterSalt());
    assertArrayEquals(range(46, 60), material.serverWriteMasterSalt());
  }

  @Test
  void splitsGcmMaterialInRfc5764Order() {
    var material = new DtlsSrtpKeyingMaterial(AEAD_AES_128_GCM, counting(56), peer());

    assertArrayEquals(range(0, 16), material.clientWriteMasterKey());
    assertArrayEquals(range(16, 32), material.serverWriteMasterKey());
    assertArrayEquals(range(32, 44), material.clientWriteMasterSalt());
    assertArrayEquals(range(44, 56), material.serverWriteMasterSalt());
  }

  @Test
  void rejectsMaterialOfTheWrongLengthAndNeverPrintsIt() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new DtlsSrtpKeyingMaterial(AEAD_AES_128_GCM, counting(60), peer()));

    var material = new DtlsSrtpKeyingMaterial(AEAD_AES_128_GCM, counting(56), peer());
    assertFalse(material.toString().contains(Arrays.toString(counting(56))));
    assertTrue(material.toString().contains("SRTP_AEAD_AES_128_GCM"));
  }

  static DtlsFingerprint peer() {
    return DtlsFingerprint.of("sha-256", new byte[] {1, 2, 3});
  }

  static byte[] counting(int length) {
    return range(0, length);
  }

  static byte[] range(int from, int to) {
    byte[] b = new byte[to - from];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (from + i);
    }
    return b;
  }
}
