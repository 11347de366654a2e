package dev.chorus.admin.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressAllowListTest {
  private static InetAddress ip(String literal) throws Exception {
    return InetAddress.getByName(literal);
  }

  @Test
  void theDefaultAllowsLoopbackOnly() throws Exception {
    var list = AddressAllowList.parse(AddressAllowList.LOOPBACK);
    assertTrue(list.allows(ip("127.0.0.1")));
    assertTrue(list.allows(ip("127.3.2.1")));
    assertTrue(list.allows(ip("::1")));
    assertFalse(list.allows(ip("10.0.0.1")));
    assertFalse(list.allows(ip("128.0.0.1")));
    assertFalse(list.allows(ip("::2")));
    assertFalse(list.allows(null));
  }

  @Test
  void cidrBlocksMatchOnTheirPrefixBitsOnly() throws Exception {
    var list = AddressAllowList.parse(" 10.1.0.0/16 , 192.168.7.128/25, 2001:db8::/32, 172.16.0.5");
    assertTrue(list.allows(ip("10.1.255.3")));
    assertFalse(list.allows(ip("10.2.0.1")));
    assertTrue(list.allows(ip("192.168.7.200")));
    assertFalse(list.allows(ip("192.168.7.127")));
    assertTrue(list.allows(ip("2001:db8:1::9")));
    assertFalse(list.allows(ip("2001:db9::1")));
    assertTrue(list.allows(ip("172.16.0.5")));
    assertFalse(list.allows(ip("172.16.0.6")));
    assertFalse(list.allows(ip("127.0.0.1")), "loopback only when listed");
  }

  @Test
  void zeroPrefixAllowsEveryAddressOfItsFamily() throws Exception {
    var list = AddressAllowList.parse("0.0.0.0/0");
    assertTrue(list.allows(ip("8.8.8.8")));
    assertFalse(list.allows(ip("::1")));
  }

  @Test
  void noneOrEmptyAllowsNothing() throws Exception {
    assertFalse(AddressAllowList.parse("none").allows(ip("127.0.0.1")));
    assertFalse(AddressAllowList.parse("").allows(ip("127.0.0.1")));
    assertFalse(AddressAllowList.parse(null).allows(ip("127.0.0.1")));
  }

  @Test
  void hostNamesAndBadBlocksAreRefused() {
    for (var bad : new String[] {"localhost", "10.0.0.0/33", "::1/129", "10.0.0.0/x", "1.2.3"}) {
      assertThrows(IllegalArgumentException.class, () -> AddressAllowList.parse(bad), bad);
    }
  }
}
