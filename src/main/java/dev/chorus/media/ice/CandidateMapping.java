package dev.chorus.media.ice;

import dev.chorus.media.ice.HostAddresses.HostAddress;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Our host candidates in SDP form, and which of the peer's candidates this server could use.
 *
 * <p>Priorities follow <a href="https://www.rfc-editor.org/rfc/rfc8445#section-5.1.2.1">RFC 8445
 * §5.1.2.1</a> with the host type preference 126: UDP gets local preference 65535 minus the address
 * rank; TCP gets (2^13 * 4 + 8191) minus the rank, direction-pref 4 being <a
 * href="https://www.rfc-editor.org/rfc/rfc6544#section-4.2">RFC 6544 §4.2</a>'s value for passive
 * candidates, so every UDP candidate ranks above every TCP one and a browser that can reach both
 * nominates UDP.
 */
final class CandidateMapping {
  private static final int HOST_TYPE_PREFERENCE = 126;
  private static final int COMPONENT = 1;

  private CandidateMapping() {}

  /**
   * The host candidates for {@code hosts} (primary address first), each with its advertised
   * address: UDP on {@code udpPort}, and passive TCP on {@code tcpPort} unless it is 0.
   */
  static List<IceCandidate> localCandidates(List<HostAddress> hosts, int udpPort, int tcpPort) {
    var result = new ArrayList<IceCandidate>();
    for (int rank = 0; rank < hosts.size(); rank++) {
      var host = hosts.get(rank);
      result.add(candidate(host, rank, IceCandidate.Transport.UDP, udpPort));
      if (tcpPort != 0) {
        result.add(candidate(host, rank, IceCandidate.Transport.TCP, tcpPort));
      }
    }
    return List.copyOf(result);
  }

  private static IceCandidate candidate(
      HostAddress host, int rank, IceCandidate.Transport transport, int port) {
    boolean udp = transport == IceCandidate.Transport.UDP;
    int localPreference = udp ? 0xFFFF - rank : (4 << 13) + 0x1FFF - rank;
    long priority =
        ((long) HOST_TYPE_PREFERENCE << 24) | ((long) localPreference << 8) | (256 - COMPONENT);
    // RFC 8445 §5.1.1.3: same type, base address and transport share a foundation.
    String foundation = Integer.toString(1 + 2 * rank + (udp ? 0 : 1));
    return new IceCandidate(
        foundation,
        COMPONENT,
        transport,
        priority,
        host.advertised().getHostAddress(),
        port,
        IceCandidate.Type.HOST,
        udp ? Optional.empty() : Optional.of(IceCandidate.TcpType.PASSIVE));
  }

  /**
   * Whether a signalled candidate of the peer could ever send us a check: UDP, component 1, a
   * usable port, an IP literal (mDNS names are not resolved) of an address family we listen on.
   * ICE-TCP peers reach our passive candidate and show up as peer-reflexive anyway.
   */
  static boolean usable(IceCandidate c, List<HostAddress> hosts) {
    if (c.transport() != IceCandidate.Transport.UDP
        || c.component() != COMPONENT
        || c.port() == 0) {
      return false;
    }
    return IpLiterals.parse(c.address())
        .map(
            ip ->
                hosts.stream()
                    .anyMatch(
                        h -> (h.local() instanceof Inet4Address) == (ip instanceof Inet4Address)))
        .orElse(false);
  }
}
