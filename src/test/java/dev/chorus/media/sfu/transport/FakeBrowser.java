package dev.chorus.media.sfu.transport;

import dev.chorus.media.dtls.DtlsFingerprint;
import dev.chorus.media.dtls.QueueDatagramTransport;
import dev.chorus.media.ice.IceCandidate;
import dev.chorus.media.rtp.DatagramDemux;
import dev.chorus.media.rtp.RtpPacketBuilder;
import dev.chorus.media.rtp.rtcp.RtcpCompound;
import dev.chorus.media.rtp.rtcp.RtcpPacket;
import dev.chorus.media.srtp.SrtpKeyingMaterial;
import dev.chorus.media.srtp.SrtpProfile;
import dev.chorus.media.srtp.SrtpRole;
import dev.chorus.media.srtp.SrtpSession;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.RemoteCandidate;

/**
 * The browser's side of a WebRTC transport, for loopback tests in one JVM: a controlling ice4j
 * agent on 127.0.0.1, a DTLS client ({@code a=setup:active}) and an SRTP session with the client's
 * keys. A reader thread sorts what arrives by first byte (RFC 7983) into DTLS, SRTP and SRTCP.
 */
public final class FakeBrowser implements AutoCloseable {
  private final Agent agent = new Agent();
  private final IceMediaStream stream;
  private final Component component;
  private final SecureRandom random;
  private final TestDtlsIdentity identity;
  private final QueueDatagramTransport dtlsQueue;
  private final LinkedBlockingQueue<byte[]> rtp = new LinkedBlockingQueue<>();
  private final LinkedBlockingQueue<byte[]> rtcp = new LinkedBlockingQueue<>();
  private final AtomicInteger dtlsAlertsReceived = new AtomicInteger();
  private volatile boolean closed;
  private volatile SrtpSession srtp;
  private volatile PeerDtlsClient.Result dtls;
  private DtlsFingerprint announced;

  FakeBrowser(SecureRandom random) {
    this.random = random;
    this.identity = TestDtlsIdentity.generate(random);
    this.announced = identity.fingerprint();
    agent.setControlling(true);
    agent.setUseDynamicPorts(false);
    agent.addCandidateHarvester(new LoopbackHostHarvester());
    stream = agent.createMediaStream("media");
    try {
      component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, true);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    dtlsQueue = new QueueDatagramTransport(component::send);
  }

  /** Makes the SDP "offer" announce another certificate than the one DTLS presents. */
  void announceFingerprintOf(TestDtlsIdentity other) {
    announced = other.fingerprint();
  }

  /** ICE only: exchanges credentials and candidates with the server and waits for a pair. */
  void connectIce(WebRtcTransport server, Duration timeout) throws InterruptedException {
    var local = server.localParameters();
    stream.setRemoteUfrag(local.iceUfrag());
    stream.setRemotePassword(local.icePassword());
    for (var c : local.candidates()) {
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
    server.setRemote(
        agent.getLocalUfrag(), agent.getLocalPassword(), List.of(announced), candidates());
    agent.startConnectivityEstablishment();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!agent.getState().isEstablished()) {
      if (System.nanoTime() > deadline || agent.getState() == IceProcessingState.FAILED) {
        throw new AssertionError("browser ICE state " + agent.getState());
      }
      Thread.sleep(10);
    }
  }

  /** ICE, then the DTLS handshake on this thread, then SRTP keys. */
  void connect(WebRtcTransport server, ExecutorService readers, int[] profiles, Duration timeout)
      throws Exception {
    connectIce(server, timeout);
    startReader(readers);
    var client =
        new PeerDtlsClient(
            new BcTlsCrypto(random), identity, server.localParameters().fingerprint(), profiles);
    dtls = client.connect(dtlsQueue);
    var profile = SrtpProfile.fromId(dtls.profile()).orElseThrow();
    srtp =
        SrtpSession.create(
            SrtpKeyingMaterial.split(profile, dtls.keyingMaterial()), SrtpRole.CLIENT);
  }

  void startReader(ExecutorService readers) {
    readers.execute(this::read);
  }

  SrtpProfile srtpProfile() {
    return srtp.profile();
  }

  /** Builds, encrypts and sends one RTP packet; returns it as sent (encrypted). */
  public byte[] sendRtp(long ssrc, int payloadType, int seq, long timestamp, byte[] payload)
      throws IOException {
    byte[] plain =
        new RtpPacketBuilder()
            .ssrc(ssrc)
            .payloadType(payloadType)
            .sequenceNumber(seq)
            .timestamp(timestamp)
            .payload(payload)
            .build();
    byte[] buf = Arrays.copyOf(plain, plain.length + 64);
    var result = srtp.encryptRtp(buf, 0, plain.length);
    if (!result.isOk()) {
      throw new AssertionError("client SRTP encrypt: " + result);
    }
    byte[] wire = Arrays.copyOf(buf, result.length());
    sendRaw(wire);
    return wire;
  }

  /** Encrypts and sends one compound RTCP packet. */
  public byte[] sendRtcp(List<? extends RtcpPacket> packets) throws IOException {
    byte[] plain = RtcpCompound.toBytes(packets);
    byte[] buf = Arrays.copyOf(plain, plain.length + 64);
    var result = srtp.encryptRtcp(buf, 0, plain.length);
    if (!result.isOk()) {
      throw new AssertionError("client SRTCP encrypt: " + result);
    }
    byte[] wire = Arrays.copyOf(buf, result.length());
    sendRaw(wire);
    return wire;
  }

  /** Sends bytes as they are over the selected pair, as a buggy or hostile browser could. */
  void sendRaw(byte[] datagram) throws IOException {
    component.send(datagram, 0, datagram.length);
  }

  /** The next echoed RTP packet, decrypted; empty after {@code timeout}. */
  public Optional<byte[]> receiveRtp(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      byte[] wire = rtp.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (wire == null) {
        return Optional.empty();
      }
      var result = srtp.decryptRtp(wire, 0, wire.length);
      if (result.isOk()) {
        return Optional.of(Arrays.copyOf(wire, result.length()));
      }
      throw new AssertionError("server SRTP did not decrypt: " + result);
    }
  }

  /** The next RTCP compound from the server, decrypted and parsed; empty after {@code timeout}. */
  public Optional<List<RtcpPacket>> receiveRtcp(Duration timeout) throws InterruptedException {
    byte[] wire = rtcp.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (wire == null) {
      return Optional.empty();
    }
    var result = srtp.decryptRtcp(wire, 0, wire.length);
    if (!result.isOk()) {
      throw new AssertionError("server SRTCP did not decrypt: " + result);
    }
    return RtcpCompound.parse(wire, 0, result.length()).or(() -> Optional.of(List.of()));
  }

  /** DTLS alert records (content type 21) received since the handshake, e.g. close_notify. */
  int dtlsAlertsReceived() {
    return dtlsAlertsReceived.get();
  }

  /** Sends close_notify, as a browser does when its peer connection closes. */
  void closeDtls() throws IOException {
    dtls.transport().close();
  }

  private List<IceCandidate> candidates() {
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

  private void read() {
    var socket = component.getComponentSocket();
    byte[] buf = new byte[2048];
    socket.setSoTimeout(100);
    while (!closed) {
      var packet = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(packet);
      } catch (SocketTimeoutException e) {
        continue;
      } catch (IOException e) {
        return;
      }
      int off = packet.getOffset();
      int len = packet.getLength();
      byte[] copy = Arrays.copyOfRange(buf, off, off + len);
      switch (DatagramDemux.classify(copy, 0, len)) {
        case DTLS -> {
          if (copy[0] == 21 && dtls != null) {
            dtlsAlertsReceived.incrementAndGet();
          }
          dtlsQueue.offer(copy, 0, len);
        }
        case RTP -> rtp.add(copy);
        case RTCP -> rtcp.add(copy);
        default -> {
          // Nothing else is expected from the server.
        }
      }
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    dtlsQueue.close();
    agent.free();
  }
}
