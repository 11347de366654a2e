package dev.chorus.bench.load;

import dev.chorus.media.dtls.DtlsFingerprint;
import dev.chorus.media.dtls.SrtpProtectionProfiles;
import dev.chorus.media.rtp.DatagramDemux;
import dev.chorus.media.rtp.DatagramKind;
import dev.chorus.media.srtp.SrtpKeyingMaterial;
import dev.chorus.media.srtp.SrtpProfile;
import dev.chorus.media.srtp.SrtpRole;
import dev.chorus.media.srtp.SrtpSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.time.Duration;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * One browser peer connection reduced to a UDP channel on loopback: ICE as the controlling agent
 * against the server's ICE-lite (one nominating Binding request, then consent checks), the DTLS
 * client handshake ({@code a=setup:active}) with BouncyCastle, and SRTP/SRTCP with the negotiated
 * profile (AES-GCM when the server picks it, else AES-CM). After {@link #connect} the channel is
 * non-blocking and read by a {@link ReceiveLoop}.
 */
final class MediaPeer implements AutoCloseable {
  static final int MTU = 1500;

  final DatagramChannel channel;
  final String ufrag;
  final String password;
  final DtlsIdentity identity;
  private final SecureRandom random;
  private final ByteBuffer out = ByteBuffer.allocateDirect(MTU + 64);
  private final byte[] scratch = new byte[MTU + 64];
  private String stunUsername;
  private String serverPassword;
  private SrtpSession srtp;
  private volatile long consentAnswers;

  /** A peer on {@code local}: a loopback address of its own looks like another browser's host. */
  MediaPeer(SecureRandom random, java.net.InetAddress local) throws IOException {
    this.random = random;
    this.identity = DtlsIdentity.generate(random);
    this.channel = DatagramChannel.open();
    channel.bind(new InetSocketAddress(local, 0));
    // room for a receive loop's hiccup; the kernel caps it at net.core.rmem_max
    channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 1 << 20);
    this.ufrag = "lb" + Integer.toHexString(random.nextInt(0xFFFFF) | 0x10000);
    this.password = "load+bench+password+" + Integer.toHexString(random.nextInt());
  }

  String fingerprintSdp() {
    return identity.fingerprint().toSdpValue();
  }

  /** ICE (nomination), DTLS and SRTP keys with the server described by the remote SDP. */
  void connect(Sdp.Remote remote, Duration timeout) throws IOException {
    channel.connect(new InetSocketAddress("127.0.0.1", remote.udpPort()));
    stunUsername = remote.ufrag() + ":" + ufrag;
    serverPassword = remote.password();
    nominate(timeout);
    var client =
        new PeerDtlsClient(
            new BcTlsCrypto(random),
            identity,
            DtlsFingerprint.parse(remote.fingerprint()).orElseThrow(),
            SrtpProtectionProfiles.supported());
    var dtls = client.connect(new Transport());
    var profile = SrtpProfile.fromId(dtls.profile()).orElseThrow();
    srtp =
        SrtpSession.create(
            SrtpKeyingMaterial.split(profile, dtls.keyingMaterial()), SrtpRole.CLIENT);
    channel.socket().setSoTimeout(0);
    channel.configureBlocking(false);
  }

  SrtpProfile profile() {
    return srtp.profile();
  }

  private void nominate(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    var id = Stun.transactionId();
    var request = Stun.bindingRequest(id, stunUsername, serverPassword);
    var buf = new byte[MTU];
    while (System.nanoTime() < deadline) {
      channel.write(ByteBuffer.wrap(request));
      long until = System.nanoTime() + 200_000_000L;
      while (System.nanoTime() < until) {
        int n = receiveBlocking(buf, (int) Math.max(1, (until - System.nanoTime()) / 1_000_000));
        if (n > 0 && Stun.isSuccessFor(buf, n, id)) {
          return;
        }
      }
    }
    throw new IOException("no answer to the nominating Binding request within " + timeout);
  }

  /** A consent freshness check (RFC 7675): a Binding request; its answer is counted. */
  void sendConsent() throws IOException {
    channel.write(
        ByteBuffer.wrap(Stun.bindingRequest(Stun.transactionId(), stunUsername, serverPassword)));
  }

  void consentAnswered() {
    consentAnswers++;
  }

  long consentAnswers() {
    return consentAnswers;
  }

  /** SRTP-protects {@code len} bytes of a plain RTP packet and sends it. */
  synchronized void sendRtp(byte[] plain, int len) throws IOException {
    System.arraycopy(plain, 0, scratch, 0, len);
    var r = srtp.encryptRtp(scratch, 0, len);
    if (!r.isOk()) {
      throw new IOException("SRTP encrypt: " + r);
    }
    send(r.length());
  }

  /** SRTCP-protects a plain compound RTCP packet and sends it. */
  synchronized void sendRtcp(byte[] plain, int len) throws IOException {
    System.arraycopy(plain, 0, scratch, 0, len);
    var r = srtp.encryptRtcp(scratch, 0, len);
    if (!r.isOk()) {
      throw new IOException("SRTCP encrypt: " + r);
    }
    send(r.length());
  }

  private void send(int len) throws IOException {
    out.clear();
    out.put(scratch, 0, len).flip();
    channel.write(out);
  }

  /** Decrypts an SRTP packet in place; its plain length, or -1. Receive thread only. */
  int decryptRtp(byte[] buf, int len) {
    var r = srtp.decryptRtp(buf, 0, len);
    return r.isOk() ? r.length() : -1;
  }

  /** Decrypts an SRTCP packet in place; its plain length, or -1. Receive thread only. */
  int decryptRtcp(byte[] buf, int len) {
    var r = srtp.decryptRtcp(buf, 0, len);
    return r.isOk() ? r.length() : -1;
  }

  private int receiveBlocking(byte[] buf, int waitMillis) throws IOException {
    channel.socket().setSoTimeout(Math.max(1, waitMillis));
    var packet = new java.net.DatagramPacket(buf, buf.length);
    try {
      channel.socket().receive(packet);
    } catch (SocketTimeoutException e) {
      return -1;
    }
    return packet.getLength();
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing
    }
    if (srtp != null) {
      srtp.close();
    }
  }

  /** BouncyCastle's view of the channel during the handshake: DTLS records only. */
  private final class Transport implements DatagramTransport {
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
      var datagram = new byte[MTU];
      while (true) {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
          return -1;
        }
        int n = receiveBlocking(datagram, (int) left);
        if (n > 0 && DatagramDemux.classify(datagram, 0, n) == DatagramKind.DTLS) {
          int copied = Math.min(len, n);
          System.arraycopy(datagram, 0, buf, off, copied);
          return copied;
        }
      }
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
      channel.write(ByteBuffer.wrap(buf, off, len));
    }

    @Override
    public void close() {
      // The channel is closed with the peer.
    }
  }
}
