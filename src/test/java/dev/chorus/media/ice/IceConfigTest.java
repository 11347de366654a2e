package dev.chorus.media.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.ice.HostAddresses.NicAddress;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Configuration parsing and the choice of host addresses. */
class IceConfigTest {
  @Test
  void defaults() {
    var config = IceConfig.defaults();

    assertEquals(10000, config.udpPort());
    assertEquals(4443, config.tcpPort());
    assertTrue(config.tcpEnabled());
    assertEquals(Optional.empty(), config.bindAddress());
    assertEquals(Optional.empty(), config.advertisedAddress());
    assertTrue(config.includesLoopback());
    assertEquals(Duration.ofSeconds(30), config.consentTimeout());
  }

  @Test
  void rawValuesFromTheContainer() throws Exception {
    var config = IceConfig.of(20000, 0, " 0.0.0.0 ", "203.0.113.9", null, Duration.ofSeconds(20));

    assertEquals(20000, config.udpPort());
    assertFalse(config.tcpEnabled());
    assertEquals(Optional.empty(), config.bindAddress(), "wildcard means auto-detect");
    assertEquals(Optional.of(InetAddress.getByName("203.0.113.9")), config.advertisedAddress());
    assertFalse(config.includesLoopback(), "no loopback candidate behind a public address");
    assertTrue(IceConfig.of(null, null, "", " ", true, null).includesLoopback());
    assertEquals(Optional.empty(), IceConfig.of(null, null, "", " ", null, null).bindAddress());
  }

  @Test
  void rejectsBadValuesNamingThem() {
    var host = assertThrows(IllegalArgumentException.class, () -> conf("media.example.org"));
    assertTrue(host.getMessage().contains("advertisedAddress"), host.getMessage());
    assertThrows(IllegalArgumentException.class, () -> conf("0.0.0.0"));
    assertThrows(
        IllegalArgumentException.class, () -> IceConfig.of(70000, null, null, null, null, null));
    assertThrows(
        IllegalArgumentException.class, () -> IceConfig.of(5000, 5000, null, null, null, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> IceConfig.of(null, null, null, null, null, Duration.ZERO));
  }

  @Test
  void autoDetectionPrefersSiteLocalIpv4OverBridgesAndPublic() throws Exception {
    var nics =
        List.of(
            nic("lo", "127.0.0.1", true),
            nic("docker0", "172.17.0.1", false),
            nic("eth0", "fe80::1", false),
            nic("eth0", "2001:db8::5", false),
            nic("eth1", "198.51.100.20", false),
            nic("eth0", "10.1.2.3", false));

    assertEquals(InetAddress.getByName("10.1.2.3"), HostAddresses.detect(nics));
    assertEquals(InetAddress.getByName("198.51.100.20"), HostAddresses.detect(nics.subList(0, 5)));
    assertEquals(InetAddress.getByName("2001:db8::5"), HostAddresses.detect(nics.subList(0, 4)));
    assertEquals(InetAddress.getLoopbackAddress(), HostAddresses.detect(nics.subList(0, 3)));
  }

  @Test
  void loopbackIsAddedOnDevelopmentSetupsOnly() throws Exception {
    var nics = List.of(nic("eth0", "192.168.1.10", false));

    var dev = HostAddresses.resolve(IceConfig.defaults(), nics);
    assertEquals(2, dev.size());
    assertEquals(InetAddress.getByName("192.168.1.10"), dev.get(0).local());
    assertTrue(dev.get(1).isLoopback());

    var natted =
        HostAddresses.resolve(IceConfig.of(null, null, null, "203.0.113.1", null, null), nics);
    assertEquals(1, natted.size());
    assertEquals(InetAddress.getByName("203.0.113.1"), natted.get(0).advertised());

    var loopbackOnly = HostAddresses.resolve(IceConfig.defaults(), List.of());
    assertEquals(1, loopbackOnly.size());
    assertTrue(loopbackOnly.get(0).isLoopback());

    var explicit =
        HostAddresses.resolve(IceConfig.of(null, null, "192.0.2.2", null, false, null), nics);
    assertEquals(1, explicit.size());
    assertEquals(InetAddress.getByName("192.0.2.2"), explicit.get(0).local());
  }

  private static IceConfig conf(String advertised) {
    return IceConfig.of(null, null, null, advertised, null, null);
  }

  private static NicAddress nic(String name, String address, boolean loopback) throws Exception {
    return new NicAddress(name, InetAddress.getByName(address), loopback, true);
  }
}
