package dev.chorus.media.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The bound on ICE-TCP connections waiting for their first valid check. */
class UnboundQuotaTest {
  private static final InetAddress A = IpLiterals.parse("192.0.2.1").orElseThrow();
  private static final InetAddress B = IpLiterals.parse("192.0.2.2").orElseThrow();
  private static final InetAddress C = IpLiterals.parse("2001:db8::3").orElseThrow();

  @Test
  void oneAddressGetsNoMoreThanItsShare() {
    var quota = new UnboundQuota(10, 3);
    for (int i = 0; i < 3; i++) {
      assertTrue(quota.tryAdmit(A));
    }
    assertFalse(quota.tryAdmit(A), "fourth from A");
    assertTrue(quota.tryAdmit(B), "another address still gets in");
    assertEquals(4, quota.used(), "the refused one took no place");

    quota.release(A);
    assertTrue(quota.tryAdmit(A), "a released place can be taken again");
  }

  @Test
  void allAddressesTogetherGetNoMoreThanTheTotal() {
    var quota = new UnboundQuota(4, 2);
    assertTrue(quota.tryAdmit(A));
    assertTrue(quota.tryAdmit(A));
    assertTrue(quota.tryAdmit(B));
    assertTrue(quota.tryAdmit(B));
    assertFalse(quota.tryAdmit(C), "total reached, although C has none yet");
    assertEquals(4, quota.used());

    quota.release(B);
    assertTrue(quota.tryAdmit(C));
    assertFalse(quota.tryAdmit(B), "total reached again");
  }
}
