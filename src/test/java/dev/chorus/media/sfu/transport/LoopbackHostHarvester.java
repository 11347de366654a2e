package dev.chorus.media.sfu.transport;

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
 * Gives the fake browser's ice4j agent one UDP host candidate on 127.0.0.1 (ice4j's own host
 * harvester ignores loopback, and its single-port harvester cannot start checks).
 */
final class LoopbackHostHarvester implements CandidateHarvester {
  private final HarvestStatistics statistics = new HarvestStatistics();

  @Override
  public Collection<LocalCandidate> harvest(Component component) {
    try {
      var socket = new MultiplexingDatagramSocket(0, InetAddress.getLoopbackAddress());
      var wrapper = new IceUdpSocketWrapper(socket);
      var candidate = new HostCandidate(wrapper, component, Transport.UDP);
      component.addLocalCandidate(candidate);
      // Connectivity checks need the STUN stack to read this socket; media needs the component
      // socket to see it.
      candidate.getStunStack().addSocket(candidate.getStunSocket(null));
      component.getComponentSocket().add(wrapper);
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
