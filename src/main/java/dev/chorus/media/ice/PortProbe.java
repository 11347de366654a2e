package dev.chorus.media.ice;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;

/** Checks on local ports that ice4j's own binding code does not make. */
final class PortProbe {
  private static final System.Logger LOG = System.getLogger(PortProbe.class.getName());
  private static final int CONNECT_TIMEOUT_MS = 200;
  private static final long RETRY_MS = 20;

  private PortProbe() {}

  /**
   * Fails if another socket already holds {@code address}.
   *
   * <p>ice4j binds its UDP socket pool with SO_REUSEADDR, and on Linux the last socket bound with
   * SO_REUSEADDR receives the traffic: a second server on the same port would start silently and
   * steal every packet. A probe bound without SO_REUSEADDR fails instead.
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
   * Waits until {@code address} can be bound again: closing ice4j's UDP socket returns before the
   * kernel has released the port (its reader thread is still blocked in receive), and a quick
   * redeploy would then fail to bind.
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

  /**
   * Waits until nothing accepts TCP connections on {@code address} any more, connecting to it to
   * wake up a listener that is shutting down.
   */
  static void awaitTcpListenerGone(InetSocketAddress address, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      try (var socket = new Socket()) {
        socket.connect(address, CONNECT_TIMEOUT_MS);
      } catch (IOException refused) {
        return;
      }
      try {
        Thread.sleep(RETRY_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    LOG.log(Level.WARNING, "ICE-TCP listener on {0} still accepts after {1}", address, max);
  }
}
