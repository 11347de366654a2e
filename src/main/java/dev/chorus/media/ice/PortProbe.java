package dev.chorus.media.ice;

import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;

/** Checks that a local UDP port is free, or waits until it is. */
final class PortProbe {
  private static final System.Logger LOG = System.getLogger(PortProbe.class.getName());
  private static final long RETRY_MS = 20;

  private PortProbe() {}

  /**
   * Fails if another socket already holds {@code address}.
   *
   * <p>Bound without SO_REUSEADDR, so a port held by any socket (also one bound with SO_REUSEADDR,
   * which on Linux would otherwise share it) fails the probe.
   */
  static void requireUdpPortFree(InetSocketAddress address) throws BindException {
    try (var probe = new DatagramSocket(null)) {
      probe.setReuseAddress(false);
      probe.bind(address);
    } catch (SocketException e) {
      var bind = new BindException("UDP " + address + " is already in use");
      bind.initCause(e);
      throw bind;
    }
  }

  /**
   * Waits until {@code address} can be bound again, so that a quick redeploy never finds the port
   * of the endpoint it replaces still held.
   */
  static void awaitUdpPortFree(InetSocketAddress address, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        requireUdpPortFree(address);
        return;
      } catch (BindException stillHeld) {
        try {
          Thread.sleep(RETRY_MS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    LOG.log(Level.WARNING, "UDP port {0} still held after {1}", address, max);
  }
}
