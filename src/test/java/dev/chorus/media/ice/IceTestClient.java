package dev.chorus.media.ice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.RemoteCandidate;

/** The browser's role in tests: a controlling ice4j agent with one UDP candidate on 127.0.0.1. */
final class IceTestClient implements AutoCloseable {
  final Agent agent = new Agent();
  final IceMediaStream stream;
  final Component component;

  IceTestClient() throws IOException {
    agent.setControlling(true);
    agent.setUseDynamicPorts(false);
    agent.addCandidateHarvester(new LoopbackUdpHarvester());
    stream = agent.createMediaStream("media");
    component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, true);
  }

  /** This client's candidates in SDP form, as a browser would signal them. */
  List<IceCandidate> candidates() {
    return component.getLocalCandidates().stream()
        .map(
            c ->
                new IceCandidate(
                    c.getFoundation(),
                    1,
                    IceCandidate.Transport.UDP,
                    c.getPriority(),
                    c.getTransportAddress().getHostAddress(),
                    c.getTransportAddress().getPort(),
                    IceCandidate.Type.HOST,
                    Optional.empty()))
        .toList();
  }

  /**
   * Exchanges credentials and candidates with {@code server} the way signaling would, and starts
   * both sides.
   *
   * @param signalOwnCandidates whether the server learns this client's candidates (else it only
   *     sees peer-reflexive ones from incoming checks)
   */
  void connect(IceSession server, boolean signalOwnCandidates) {
    var credentials = server.localCredentials();
    stream.setRemoteUfrag(credentials.ufrag());
    stream.setRemotePassword(credentials.password());
    for (var c : server.localCandidates()) {
      if (c.transport() == IceCandidate.Transport.UDP) {
        component.addRemoteCandidate(
            new RemoteCandidate(
                new TransportAddress(c.address(), c.port(), Transport.UDP),
                component,
                CandidateType.HOST_CANDIDATE,
                c.foundation(),
                c.priority(),
                null));
      }
    }
    server.setRemoteCredentials(agent.getLocalUfrag(), agent.getLocalPassword());
    if (signalOwnCandidates) {
      candidates().forEach(server::addRemoteCandidate);
    }
    server.start();
    agent.startConnectivityEstablishment();
  }

  /** Waits until this agent has a selected pair. */
  void awaitConnected(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!agent.getState().isEstablished()) {
      if (System.nanoTime() > deadline || agent.getState() == IceProcessingState.FAILED) {
        throw new AssertionError("client ICE state " + agent.getState());
      }
      Thread.sleep(10);
    }
  }

  void send(byte[] data) throws IOException {
    component.send(data, 0, data.length);
  }

  /** The next datagram from the server, or throws after {@code timeout}. */
  byte[] receive(Duration timeout) throws IOException {
    var socket = component.getComponentSocket();
    socket.setSoTimeout((int) timeout.toMillis());
    var packet = new DatagramPacket(new byte[1500], 1500);
    socket.receive(packet);
    return Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getLength());
  }

  @Override
  public void close() {
    agent.free();
  }
}
