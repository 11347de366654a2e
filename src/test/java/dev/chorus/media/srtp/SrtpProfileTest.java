package dev.chorus.media.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Profile parameters (RFC 5764 §4.1.2, RFC 7714 §14.2), results and roles. */
class SrtpProfileTest {

  @Test
  void lookupByUseSrtpId() {
    assertEquals(Optional.of(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80), SrtpProfile.fromId(0x0001));
    assertEquals(Optional.of(SrtpProfile.SRTP_AEAD_AES_128_GCM), SrtpProfile.fromId(0x0007));
    for (int unsupported : new int[] {0x0000, 0x0002, 0x0005, 0x0008, 0xffff, -1}) {
      assertEquals(Optional.empty(), SrtpProfile.fromId(unsupported), "id " + unsupported);
    }
  }

  @Test
  void aesCmParameters() {
    SrtpProfile p = SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80;
    assertEquals(16, p.cipherKeyLength());
    assertEquals(14, p.saltLength());
    assertEquals(10, p.authTagLength());
    assertEquals(20, p.authKeyLength());
    assertFalse(p.isAead());
    assertEquals(10, p.rtpOverhead());
    assertEquals(14, p.rtcpOverhead());
  }

  @Test
  void gcmParameters() {
    SrtpProfile p = SrtpProfile.SRTP_AEAD_AES_128_GCM;
    assertEquals(16, p.cipherKeyLength());
    assertEquals(12, p.saltLength());
    assertEquals(16, p.authTagLength());
    assertTrue(p.isAead());
    assertEquals(16, p.rtpOverhead());
    assertEquals(20, p.rtcpOverhead());
  }

  @Test
  void failuresAreSharedAndCarryNoLength() {
    SrtpResult failure = SrtpResult.failure(SrtpStatus.AUTH_FAILED);
    assertSame(failure, SrtpResult.failure(SrtpStatus.AUTH_FAILED));
    assertEquals(-1, failure.length());
    assertFalse(failure.isOk());
    assertTrue(SrtpResult.ok(0).isOk());
    assertThrows(IllegalArgumentException.class, () -> SrtpResult.failure(SrtpStatus.OK));
    assertThrows(IllegalArgumentException.class, () -> SrtpResult.ok(-1));
  }

  @Test
  void rolesMirror() {
    assertEquals(SrtpRole.CLIENT, SrtpRole.SERVER.peer());
    assertEquals(SrtpRole.SERVER, SrtpRole.CLIENT.peer());
  }
}
