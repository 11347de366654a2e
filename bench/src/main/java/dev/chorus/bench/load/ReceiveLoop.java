package dev.chorus.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One receive thread for many peers: a {@link Selector} over their non-blocking channels that
 * drains each ready channel and hands every datagram, with its receive time, to the peer's handler.
 * A few of these serve hundreds of subscribers, so the bench's thread count stays flat in N. Each
 * loop keeps its own latency histogram (written by this thread only).
 */
final class ReceiveLoop implements Runnable {
  /** Who gets a peer's datagrams. Called on the loop's thread. */
  interface Handler {
    void onDatagram(byte[] buf, int len, long receivedNanos);

    MediaPeer peer();
  }

  final Latency latency = new Latency();
  private final Selector selector;
  private final Queue<Handler> added = new ConcurrentLinkedQueue<>();
  private final ByteBuffer in = ByteBuffer.allocateDirect(MediaPeer.MTU + 64);
  private final byte[] buf = new byte[MediaPeer.MTU + 64];
  private volatile boolean running = true;
  volatile Throwable failure;

  ReceiveLoop() throws IOException {
    this.selector = Selector.open();
  }

  void add(Handler handler) {
    added.add(handler);
    selector.wakeup();
  }

  void stop() {
    running = false;
    selector.wakeup();
  }

  @Override
  public void run() {
    try {
      while (running) {
        selector.select(200);
        Handler h;
        while ((h = added.poll()) != null) {
          h.peer().channel.register(selector, SelectionKey.OP_READ, h);
        }
        var keys = selector.selectedKeys();
        for (var key : keys) {
          if (!key.isValid()) {
            continue;
          }
          var handler = (Handler) key.attachment();
          var channel = handler.peer().channel;
          // One datagram per ready channel and wake-up: the selector is level-triggered, so a
          // channel with more waiting is ready again at once, and no read comes back empty.
          in.clear();
          int n;
          try {
            n = channel.read(in);
          } catch (IOException e) {
            // ICMP port unreachable after the server closed the transport, or the channel closed
            key.cancel();
            continue;
          }
          if (n > 0) {
            long now = System.nanoTime();
            in.flip();
            in.get(buf, 0, n);
            handler.onDatagram(buf, n, now);
          }
        }
        keys.clear();
      }
    } catch (Throwable t) {
      failure = t;
    } finally {
      try {
        selector.close();
      } catch (IOException ignored) {
        // closing
      }
    }
  }

  /** Latency in microseconds, 1 µs buckets up to 100 ms; recorded only while {@code on}. */
  static final class Latency {
    static final int BUCKETS = 100_000;
    final long[] counts = new long[BUCKETS + 1];
    volatile boolean on;

    void record(long nanos) {
      if (on) {
        int us = (int) Math.min(BUCKETS, Math.max(0, nanos / 1000));
        counts[us]++;
      }
    }

    void clear() {
      java.util.Arrays.fill(counts, 0);
    }
  }
}
