package dev.chorus.media.ice;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.CandidateTcpType;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.RemoteCandidate;

/** Converts between ice4j's candidate objects and the SDP-level {@link IceCandidate}. */
final class CandidateMapping {
  private CandidateMapping() {}

  /**
   * The host candidates of {@code component} as they go into the SDP answer, with each local
   * address replaced by what {@code advertise} says (the configured public address, if any).
   * Candidates of other types (e.g. from ice4j static mappings) are left out.
   */
  static List<IceCandidate> localCandidates(
      Component component, UnaryOperator<InetAddress> advertise) {
    var result = new ArrayList<IceCandidate>();
    for (LocalCandidate c : component.getLocalCandidates()) {
      if (c.getType() != CandidateType.HOST_CANDIDATE) {
        continue;
      }
      IceCandidate.Transport transport;
      if (c.getTransport() == Transport.UDP) {
        transport = IceCandidate.Transport.UDP;
      } else if (c.getTransport() == Transport.TCP) {
        transport = IceCandidate.Transport.TCP;
      } else {
        continue;
      }
      var address = c.getTransportAddress();
      result.add(
          new IceCandidate(
              c.getFoundation(),
              component.getComponentID(),
              transport,
              c.getPriority(),
              advertise.apply(address.getAddress()).getHostAddress(),
              address.getPort(),
              IceCandidate.Type.HOST,
              transport == IceCandidate.Transport.TCP
                  ? Optional.of(tcpType(c.getTcpType()))
                  : Optional.empty()));
    }
    return List.copyOf(result);
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
