package dev.chorus.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RFC 5764 §4.2 key layout and the record's defensive behaviour. */
class SrtpKeyingMaterialTest {

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void splitFollowsTheRfc5764Layout(SrtpProfile profile) {
    byte[] material = new byte[profile.keyingMaterialLength()];
    for (int i = 0; i < material.length; i++) {
      material[i] = (byte) i;
    }
    int k = profile.cipherKeyLength();
    int s = profile.saltLength();

    SrtpKeyingMaterial keys = SrtpKeyingMaterial.split(profile, material);

    assertArrayEquals(Arrays.copyOfRange(material, 0, k), keys.clientWriteKey());
    assertArrayEquals(Arrays.copyOfRange(material, k, 2 * k), keys.serverWriteKey());
    assertArrayEquals(Arrays.copyOfRange(material, 2 * k, 2 * k + s), keys.clientWriteSalt());
    assertArrayEquals(
        Arrays.copyOfRange(material, 2 * k + s, 2 * k + 2 * s), keys.serverWriteSalt());
    assertArrayEquals(keys.serverWriteKey(), keys.writeKey(SrtpRole.SERVER));
    assertArrayEquals(keys.clientWriteKey(), keys.writeKey(SrtpRole.CLIENT));
    assertArrayEquals(keys.serverWriteSalt(), keys.writeSalt(SrtpRole.SERVER));
    assertArrayEquals(keys.clientWriteSalt(), keys.writeSalt(SrtpRole.CLIENT));
  }

  @Test
  void materialLengthsPerProfile() {
    assertEquals(60, SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80.keyingMaterialLength());
    assertEquals(56, SrtpProfile.SRTP_AEAD_AES_128_GCM.keyingMaterialLength());
  }

  @Test
  void wrongMaterialLengthIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SrtpKeyingMaterial.split(SrtpProfile.SRTP_AEAD_AES_128_GCM, new byte[60]));
    assertThrows(
        IllegalArgumentException.class,
        () -> SrtpKeyingMaterial.split(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80, new byte[56]));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SrtpKeyingMaterial(
                SrtpProfile.SRTP_AEAD_AES_128_GCM,
                new byte[16],
                new byte[16],
                new byte[14],
                new byte[12]));
  }

  @Test
  void keyBytesAreCopiedInAndOut() {
    byte[] material = new byte[56];
    Arrays.fill(material, (byte) 1);
    SrtpKeyingMaterial keys = SrtpKeyingMaterial.split(SrtpProfile.SRTP_AEAD_AES_128_GCM, material);
    byte[] key = new byte[16];
    SrtpKeyingMaterial direct =
        new SrtpKeyingMaterial(
            SrtpProfile.SRTP_AEAD_AES_128_GCM, key, key, new byte[12], new byte[12]);

    keys.clientWriteKey()[0] = 9;
    key[0] = 9;

    assertEquals(1, keys.clientWriteKey()[0]);
    assertEquals(0, direct.clientWriteKey()[0]);
  }

  @Test
  void equalityIsByContentAndToStringHidesKeys() {
    byte[] material = new byte[60];
    Arrays.fill(material, (byte) 0xab);
    SrtpKeyingMaterial a =
        SrtpKeyingMaterial.split(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80, material);
    SrtpKeyingMaterial b =
        SrtpKeyingMaterial.split(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80, material.clone());
    material[59] = 0;
    SrtpKeyingMaterial c =
        SrtpKeyingMaterial.split(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80, material);

    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, c);
    assertFalse(a.toString().toLowerCase().contains("abab"), a.toString());
    assertFalse(a.toString().contains(HexFormat.of().formatHex(a.clientWriteKey())));
  }
}
