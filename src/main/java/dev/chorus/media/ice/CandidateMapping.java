package dev.chorus.media.ice;

import dev.chorus.media.ice.HostAddresses.HostAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.CandidateTcpType;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.RemoteCandidate;

/** Converts between ice4j's candidate objects and the SDP-level {@link IceCandidate}. */
final class CandidateMapping {
  /** RFC 8445 section 5.1.2.2: the recommended type preference of host candidates. */
  private static final int HOST_TYPE_PREFERENCE = 126;

  private CandidateMapping() {}

  /**
   * The host candidates of {@code component} as they go into the SDP answer, ordered like {@code
   * hosts} (primary address first) and with each local address replaced by its advertised one.
   * Candidates of other types (e.g. from ice4j static mappings) are left out.
   *
   * <p>Priorities are computed here (RFC 8445 section 5.1.2.1) because ice4j's do not depend on the
   * transport and change with the order in which candidates were gathered; a browser that can reach
   * both would then as likely nominate ICE-TCP as UDP. UDP gets local preference 65535 minus the
   * address rank; TCP gets (2^13 * 4 + 8191) minus the rank, direction-pref 4 being RFC 6544
   * section 4.2's value for passive candidates, so every UDP candidate ranks above every TCP one.
   */
  static List<IceCandidate> localCandidates(Component component, List<HostAddress> hosts) {
    var result = new ArrayList<IceCandidate>();
    for (int rank = 0; rank < hosts.size(); rank++) {
      var host = hosts.get(rank);
      for (var transport : IceCandidate.Transport.values()) {
        for (LocalCandidate c : component.getLocalCandidates()) {
          var address = c.getTransportAddress();
          if (c.getType() == CandidateType.HOST_CANDIDATE
              && address.getTransport() == ice4jTransport(transport)
              && address.getAddress().equals(host.local())) {
            result.add(toSdpCandidate(c, component, transport, host, rank));
          }
        }
      }
    }
    return List.copyOf(result);
  }

  private static IceCandidate toSdpCandidate(
      LocalCandidate c,
      Component component,
      IceCandidate.Transport transport,
      HostAddress host,
      int rank) {
    int localPreference =
        transport == IceCandidate.Transport.UDP ? 0xFFFF - rank : (4 << 13) + 0x1FFF - rank;
    long priority =
        ((long) HOST_TYPE_PREFERENCE << 24)
            | ((long) localPreference << 8)
            | (256 - component.getComponentID());
    return new IceCandidate(
        c.getFoundation(),
        component.getComponentID(),
        transport,
        priority,
        host.advertised().getHostAddress(),
        c.getTransportAddress().getPort(),
        IceCandidate.Type.HOST,
        transport == IceCandidate.Transport.TCP
            ? Optional.of(tcpType(c.getTcpType()))
            : Optional.empty());
  }

  private static Transport ice4jTransport(IceCandidate.Transport transport) {
    return transport == IceCandidate.Transport.UDP ? Transport.UDP : Transport.TCP;
  }

  /**
   * The ice4j form of a remote candidate, or empty if this server cannot use it: only UDP
   * candidates with a literal address (ICE-TCP peers reach our passive candidate and show up as
   * peer-reflexive; mDNS names are not resolved) of component 1 with a usable port.
   */
  static Optional<RemoteCandidate> remoteCandidate(IceCandidate c, Component component) {
    if (c.transport() != IceCandidate.Transport.UDP
        || c.component() != component.getComponentID()
        || c.port() == 0) {
      return Optional.empty();
    }
    return IpLiterals.parse(c.address())
        .map(
            ip ->
                new RemoteCandidate(
                    new TransportAddress(ip, c.port(), Transport.UDP),
                    component,
                    candidateType(c.type()),
                    c.foundation(),
                    c.priority(),
                    null));
  }

  private static CandidateType candidateType(IceCandidate.Type type) {
    return switch (type) {
      case HOST -> CandidateType.HOST_CANDIDATE;
      case SRFLX -> CandidateType.SERVER_REFLEXIVE_CANDIDATE;
      case PRFLX -> CandidateType.PEER_REFLEXIVE_CANDIDATE;
      case RELAY -> CandidateType.RELAYED_CANDIDATE;
    };
  }

  private static IceCandidate.TcpType tcpType(CandidateTcpType type) {
    if (type == CandidateTcpType.ACTIVE) {
      return IceCandidate.TcpType.ACTIVE;
    }
    if (type == CandidateTcpType.SO) {
      return IceCandidate.TcpType.SO;
    }
    return IceCandidate.TcpType.PASSIVE;
  }
}
