package dev.chorus.media.sfu.transport;

import dev.chorus.media.dtls.DtlsFingerprint;
import dev.chorus.media.dtls.SrtpProtectionProfiles;
import dev.chorus.media.ice.IceCandidate;
import dev.chorus.media.ice.StunTestMessages;
import dev.chorus.media.rtp.DatagramDemux;
import dev.chorus.media.rtp.DatagramKind;
import dev.chorus.media.rtp.RtpPacketBuilder;
import dev.chorus.media.srtp.SrtpKeyingMaterial;
import dev.chorus.media.srtp.SrtpProfile;
import dev.chorus.media.srtp.SrtpRole;
import dev.chorus.media.srtp.SrtpSession;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * A browser reduced to one UDP socket and the calling thread, with no ice4j at all: it nominates
 * the server's UDP candidate with one signed Binding request carrying USE-CANDIDATE (RFC 8445
 * §7.2.2), runs the DTLS client handshake over the same socket and then sends and reads SRTP
 * itself. What the thread-budget test needs so that every thread it counts is the server's.
 */
public final class RawUdpBrowser implements AutoCloseable {
  private static final int MTU = 1500;

  private final DatagramSocket socket;
  private final SecureRandom random;
  private final TestDtlsIdentity identity;
  private final String ufrag;
  private final String password;
  private InetSocketAddress server;
  private String serverUfrag;
  private String serverPassword;
  private DtlsFingerprint serverFingerprint;
  private SrtpSession srtp;

  RawUdpBrowser(SecureRandom random) throws IOException {
    this(random, InetAddress.getLoopbackAddress());
  }

  /** A browser on {@code local}, e.g. 127.0.0.2: another remote address to the server. */
  RawUdpBrowser(SecureRandom random, InetAddress local) throws IOException {
    this.random = random;
    this.identity = TestDtlsIdentity.generate(random);
    this.socket = new DatagramSocket(0, local);
    this.ufrag = "raw" + Integer.toHexString(random.nextInt(0xFFFF) | 0x1000);
    this.password = "raw+udp+browser+password+" + random.nextInt(1000);
  }

  /** Signals to {@code transport}, nominates, then DTLS and SRTP keys. */
  public void connect(WebRtcTransport transport, Duration timeout) throws Exception {
    nominate(transport, timeout);
    var local = transport.localParameters();
    var client =
        new PeerDtlsClient(
            new BcTlsCrypto(random),
            identity,
            local.fingerprint(),
            SrtpProtectionProfiles.supported());
    var dtls = client.connect(new Transport());
    var profile = SrtpProfile.fromId(dtls.profile()).orElseThrow();
    srtp =
        SrtpSession.create(
            SrtpKeyingMaterial.split(profile, dtls.keyingMaterial()), SrtpRole.CLIENT);
  }

  /** Signals to {@code transport} and nominates its UDP candidate: ICE only, no DTLS. */
  public void nominate(WebRtcTransport transport, Duration timeout) throws IOException {
    var local = transport.localParameters();
    var candidate =
        local.candidates().stream()
            .filter(c -> c.transport() == IceCandidate.Transport.UDP)
            .findFirst()
            .orElseThrow();
    server = new InetSocketAddress(InetAddress.getByName(candidate.address()), candidate.port());
    transport.setRemote(ufrag, password, List.of(identity.fingerprint()), List.of());
    serverUfrag = local.iceUfrag();
    serverFingerprint = local.fingerprint();
    serverPassword = local.icePassword();
    nominate(socket, timeout);
  }

  /**
   * After {@link #nominate}: sends the first flight of a DTLS handshake, a real ClientHello, and
   * then nothing at all, as a peer that wants to hold a server handshake thread would.
   */
  public void sendClientHelloThenGoSilent() {
    var client =
        new PeerDtlsClient(
            new BcTlsCrypto(random),
            identity,
            serverFingerprint,
            SrtpProtectionProfiles.supported());
    try {
      client.connect(new FirstFlightOnly());
    } catch (IOException expected) {
      // FirstFlightOnly ends the client's handshake right after its ClientHello went out.
    }
  }

  /**
   * After {@link #connect}: nominates the pair from {@code other} (another local port, as a browser
   * switching networks would), with this browser's credentials.
   */
  void nominateFrom(DatagramSocket other, Duration timeout) throws IOException {
    nominate(other, timeout);
  }

  /** One check with USE-CANDIDATE, repeated until answered with our own address, signed. */
  private void nominate(DatagramSocket from, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    var id = StunTestMessages.transactionId();
    var request =
        StunTestMessages.bindingRequest(id, serverUfrag + ":" + ufrag, serverPassword, true);
    while (System.nanoTime() < deadline) {
      from.send(new DatagramPacket(request, request.length, server));
      var response = receive(from, 200);
      if (response != null
          && StunTestMessages.isSuccessFor(response, id)
          && StunTestMessages.signedWith(response, serverPassword)
          && StunTestMessages.xorMappedAddress(response).equals(from.getLocalSocketAddress())) {
        return;
      }
    }
    throw new AssertionError("no answer to the nominating check");
  }

  /** Sends an RTP packet and returns the first RTP packet that comes back, decrypted. */
  public byte[] echo(long ssrc, int seq, Duration timeout) throws IOException {
    byte[] plain =
        new RtpPacketBuilder()
            .ssrc(ssrc)
            .payloadType(111)
            .sequenceNumber(seq)
            .timestamp(960L * seq)
            .payload(new byte[] {(byte) seq, 1, 2, 3})
            .build();
    byte[] buf = Arrays.copyOf(plain, plain.length + 64);
    var sent = srtp.encryptRtp(buf, 0, plain.length);
    socket.send(new DatagramPacket(buf, sent.length(), server));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      var wire = receive(100);
      if (wire != null && DatagramDemux.classify(wire, 0, wire.length) == DatagramKind.RTP) {
        var result = srtp.decryptRtp(wire, 0, wire.length);
        if (!result.isOk()) {
          throw new AssertionError("server SRTP did not decrypt: " + result);
        }
        return Arrays.copyOf(wire, result.length());
      }
    }
    throw new AssertionError("no echo within " + timeout);
  }

  private byte[] receive(int waitMillis) throws IOException {
    return receive(socket, waitMillis);
  }

  private static byte[] receive(DatagramSocket socket, int waitMillis) throws IOException {
    socket.setSoTimeout(Math.max(1, waitMillis));
    var packet = new DatagramPacket(new byte[MTU], MTU);
    try {
      socket.receive(packet);
    } catch (SocketTimeoutException e) {
      return null;
    }
    return Arrays.copyOf(packet.getData(), packet.getLength());
  }

  @Override
  public void close() {
    socket.close();
  }

  /** Passes the client's first datagram to the server, then ends its handshake. */
  private final class FirstFlightOnly extends Transport {
    private boolean sent;

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
      throw new IOException("silent from here on");
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
      if (!sent) {
        sent = true;
        super.send(buf, off, len);
      }
    }
  }

  /** Sends bytes as they are to the server, as a hostile browser could. */
  public void sendRaw(byte[] datagram) throws IOException {
    socket.send(new DatagramPacket(datagram, datagram.length, server));
  }

  /** BouncyCastle's view of the socket: DTLS records only, -1 on timeout. */
  private class Transport implements DatagramTransport {
    @Override
    public int getReceiveLimit() {
      return MTU;
    }

    @Override
    public int getSendLimit() {
      return MTU - 28;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
      long deadline = System.nanoTime() + waitMillis * 1_000_000L;
      while (true) {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
          return -1;
        }
        var datagram = RawUdpBrowser.this.receive((int) left);
        if (datagram != null
            && DatagramDemux.classify(datagram, 0, datagram.length) == DatagramKind.DTLS) {
          int n = Math.min(len, datagram.length);
          System.arraycopy(datagram, 0, buf, off, n);
          return n;
        }
      }
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
      socket.send(new DatagramPacket(buf, off, len, server));
    }

    @Override
    public void close() {
      // The socket is closed with the browser.
    }
  }
}
