package dev.chorus.media.dtls;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.UDPTransport;

/**
 * Two real UDP sockets on 127.0.0.1 wired the way the SFU will be: the server side reads its socket
 * on a "demultiplexer" task that keeps DTLS datagrams (RFC 7983) and offers them to a {@link
 * QueueDatagramTransport}; the client side uses BouncyCastle's own {@link UDPTransport}, optionally
 * with a smaller send limit to force fragmentation.
 */
final class UdpLoopback implements AutoCloseable {

  final DatagramSocket serverSocket;
  final DatagramSocket clientSocket;
  final QueueDatagramTransport serverTransport;

  /** Every DTLS datagram the server socket received, in order. */
  final List<byte[]> serverReceived = new CopyOnWriteArrayList<>();

  /** Datagrams the server sends are dropped while this says so (simulated loss). */
  volatile Predicate<byte[]> dropFromServer = d -> false;

  private volatile boolean closed;

  UdpLoopback(ExecutorService executor) throws IOException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    serverSocket = new DatagramSocket(new InetSocketAddress(loopback, 0));
    clientSocket = new DatagramSocket(new InetSocketAddress(loopback, 0));
    serverSocket.connect(clientSocket.getLocalSocketAddress());
    clientSocket.connect(serverSocket.getLocalSocketAddress());
    serverSocket.setSoTimeout(50);
    serverTransport =
        new QueueDatagramTransport(
            (buf, off, len) -> {
              if (!dropFromServer.test(Arrays.copyOfRange(buf, off, off + len))) {
                serverSocket.send(new DatagramPacket(buf, off, len));
              }
            });
    executor.execute(this::demultiplex);
  }

  private void demultiplex() {
    byte[] buf = new byte[2048];
    while (!closed) {
      var packet = new DatagramPacket(buf, buf.length);
      try {
        serverSocket.receive(packet);
      } catch (SocketTimeoutException e) {
        continue;
      } catch (IOException e) {
        return; // socket closed
      }
      if (QueueDatagramTransport.isDtls(buf, 0, packet.getLength())) {
        byte[] copy = Arrays.copyOf(buf, packet.getLength());
        serverReceived.add(copy);
        serverTransport.offer(copy, 0, copy.length);
      }
    }
  }

  /** The client's transport: BouncyCastle's UDPTransport, send limit capped at {@code limit}. */
  DatagramTransport clientTransport(int sendLimit) throws IOException {
    var udp = new UDPTransport(clientSocket, 1500);
    return new DatagramTransport() {
      @Override
      public int getReceiveLimit() {
        return udp.getReceiveLimit();
      }

      @Override
      public int getSendLimit() {
        return Math.min(sendLimit, udp.getSendLimit());
      }

      @Override
      public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        return udp.receive(buf, off, len, waitMillis);
      }

      @Override
      public void send(byte[] buf, int off, int len) throws IOException {
        udp.send(buf, off, len);
      }

      @Override
      public void close() {
        // The fixture owns the socket; closing it here would race the server's last flight.
      }
    };
  }

  /** Sends raw bytes from the client socket, as an attacker on the path could. */
  void sendFromClient(byte[] datagram) throws IOException {
    clientSocket.send(new DatagramPacket(datagram, datagram.length));
  }

  @Override
  public void close() {
    closed = true;
    serverTransport.close();
    serverSocket.close();
    clientSocket.close();
  }
}
