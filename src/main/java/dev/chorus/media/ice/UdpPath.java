package dev.chorus.media.ice;

import java.net.InetSocketAddress;

/** A peer's address on one of our shared UDP sockets (RFC 8445 §7.2.5.3.2 valid pair). */
record UdpPath(UdpSocket socket, InetSocketAddress remote) implements IcePath {
  @Override
  public IceCandidate.Transport transport() {
    return IceCandidate.Transport.UDP;
  }

  @Override
  public InetSocketAddress local() {
    return socket.local();
  }

  @Override
  public boolean send(byte[] buf, int off, int len) {
    return socket.send(buf, off, len, remote);
  }

  @Override
  public boolean bind(IceSession session) {
    return socket.route(remote, session);
  }

  @Override
  public void release(IceSession session) {
    socket.unroute(remote, session);
  }

  @Override
  public String toString() {
    return "udp " + socket.local() + " <-> " + remote;
  }
}
