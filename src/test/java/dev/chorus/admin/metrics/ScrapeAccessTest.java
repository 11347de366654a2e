package dev.chorus.admin.metrics;

import static dev.chorus.admin.metrics.ScrapeAccess.Decision.ALLOWED;
import static dev.chorus.admin.metrics.ScrapeAccess.Decision.FORBIDDEN;
import static dev.chorus.admin.metrics.ScrapeAccess.Decision.UNAUTHORIZED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScrapeAccessTest {
  private static final AddressAllowList LOOPBACK =
      AddressAllowList.parse(AddressAllowList.LOOPBACK);

  private static InetAddress ip(String literal) throws Exception {
    return InetAddress.getByName(literal);
  }

  @Test
  void withATokenEitherTheTokenOrAnAllowedAddressLetsIn() throws Exception {
    var access = new ScrapeAccess(Optional.of("s3cret"), LOOPBACK);
    assertEquals(ALLOWED, access.decide("Bearer s3cret", ip("10.0.0.9")));
    assertEquals(ALLOWED, access.decide("bearer   s3cret ", ip("10.0.0.9")));
    assertEquals(ALLOWED, access.decide(null, ip("127.0.0.1")));
    assertEquals(UNAUTHORIZED, access.decide(null, ip("10.0.0.9")));
    assertEquals(UNAUTHORIZED, access.decide("Bearer wrong", ip("10.0.0.9")));
    assertEquals(UNAUTHORIZED, access.decide("Bearer s3cre", ip("10.0.0.9")));
    assertEquals(UNAUTHORIZED, access.decide("Basic s3cret", ip("10.0.0.9")));
  }

  @Test
  void withoutATokenOnlyTheAddressCountsAndARefusalIsForbidden() throws Exception {
    var access = new ScrapeAccess(Optional.empty(), LOOPBACK);
    assertFalse(access.tokenConfigured());
    assertEquals(ALLOWED, access.decide(null, ip("::1")));
    assertEquals(FORBIDDEN, access.decide(null, ip("192.168.1.1")));
    // No token configured: no bearer value opens it, not even an empty one.
    assertEquals(FORBIDDEN, access.decide("Bearer ", ip("192.168.1.1")));
  }

  @Test
  void aBlankTokenSettingMeansNoToken() throws Exception {
    var access = new ScrapeAccess(Optional.of("  "), AddressAllowList.parse("none"));
    assertFalse(access.tokenConfigured());
    assertEquals(FORBIDDEN, access.decide("Bearer   ", ip("127.0.0.1")));
  }
}
