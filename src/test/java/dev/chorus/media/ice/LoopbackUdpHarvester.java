package dev.chorus.media.ice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import org.ice4j.Transport;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.ice.harvest.HarvestStatistics;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.socket.MultiplexingDatagramSocket;

/**
 * A host-candidate harvester for the test client: one UDP socket on 127.0.0.1 with an ephemeral
 * port. ice4j's own host harvester skips loopback interfaces, and its single-port harvester can
 * only answer checks, never send the first one, so neither works for a client on loopback.
 */
final class LoopbackUdpHarvester implements CandidateHarvester {
  private final HarvestStatistics statistics = new HarvestStatistics();

  @Override
  public Collection<LocalCandidate> harvest(Component component) {
    try {
      var socket =
          new IceUdpSocketWrapper(
              new MultiplexingDatagramSocket(0, InetAddress.getLoopbackAddress()));
      var candidate = new HostCandidate(socket, component, Transport.UDP);
      component.addLocalCandidate(candidate);
      candidate.getStunStack().addSocket(candidate.getStunSocket(null));
      component.getComponentSocket().add(socket);
      return List.of(candidate);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public HarvestStatistics getHarvestStatistics() {
    return statistics;
  }

  @Override
  public boolean isHostHarvester() {
    return true;
  }
}
