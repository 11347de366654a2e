package dev.chorus.media.ice;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides which local addresses the endpoint listens on and what it advertises for each: the host
 * candidates of RFC 8445 section 5.1.1.1.
 *
 * <p>Auto-detection picks one address: a site-local IPv4 address if there is one (the usual LAN or
 * cloud VPC case), else another non-loopback IPv4 address, else a global or unique-local IPv6
 * address, else 127.0.0.1. Interfaces of container bridges are skipped: a browser can rarely reach
 * them and they would otherwise win on hosts running Docker. 127.0.0.1 is added as a second host
 * address when {@link IceConfig#includesLoopback()} says so.
 */
final class HostAddresses {
  /** An address to bind ({@code local}) and the address to put into candidates for it. */
  record HostAddress(InetAddress local, InetAddress advertised) {
    boolean isLoopback() {
      return local.isLoopbackAddress();
    }
  }

  /** One address of one interface, as seen by {@link NetworkInterface}. */
  record NicAddress(String interfaceName, InetAddress address, boolean loopback, boolean up) {}

  private static final List<String> BRIDGE_PREFIXES =
      List.of("docker", "br-", "veth", "virbr", "cni", "flannel", "kube", "podman", "lxc");

  private HostAddresses() {}

  /** The host addresses for {@code config} on a machine with {@code nics}; never empty. */
  static List<HostAddress> resolve(IceConfig config, List<NicAddress> nics) {
    var primary = config.bindAddress().orElseGet(() -> detect(nics));
    var result = new ArrayList<HostAddress>();
    result.add(new HostAddress(primary, config.advertisedAddress().orElse(primary)));
    if (config.includesLoopback() && !primary.isLoopbackAddress()) {
      var loopback = InetAddress.getLoopbackAddress();
      result.add(new HostAddress(loopback, loopback));
    }
    return List.copyOf(result);
  }

  /** The automatically chosen primary address among {@code nics}. */
  static InetAddress detect(List<NicAddress> nics) {
    var usable =
        nics.stream()
            .filter(n -> n.up() && !n.loopback() && !isBridge(n.interfaceName()))
            .map(NicAddress::address)
            .filter(
                a ->
                    !a.isLoopbackAddress()
                        && !a.isLinkLocalAddress()
                        && !a.isAnyLocalAddress()
                        && !a.isMulticastAddress())
            .toList();
    Optional<InetAddress> best =
        usable.stream().min(Comparator.comparingInt(HostAddresses::preference));
    return best.orElseGet(InetAddress::getLoopbackAddress);
  }

  /** The interfaces of this machine; an empty list if they cannot be listed. */
  static List<NicAddress> systemNics() {
    var result = new ArrayList<NicAddress>();
    try {
      for (var nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        boolean loopback = nic.isLoopback();
        boolean up = nic.isUp();
        for (var address : Collections.list(nic.getInetAddresses())) {
          result.add(new NicAddress(nic.getName(), address, loopback, up));
        }
      }
    } catch (SocketException e) {
      System.getLogger(HostAddresses.class.getName())
          .log(System.Logger.Level.WARNING, "Cannot list network interfaces", e);
    }
    return result;
  }

  private static int preference(InetAddress a) {
    if (a instanceof Inet4Address) {
      return a.isSiteLocalAddress() ? 0 : 1;
    }
    return 2;
  }

  private static boolean isBridge(String interfaceName) {
    return BRIDGE_PREFIXES.stream().anyMatch(interfaceName::startsWith);
  }
}
