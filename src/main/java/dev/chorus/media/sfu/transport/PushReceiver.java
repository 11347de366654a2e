package dev.chorus.media.sfu.transport;

import dev.chorus.media.ice.DatagramHandler;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One transport's inbound queue: the ICE endpoint's reader thread (shared by every session on the
 * socket) copies each datagram into a pooled slot and returns at once; the packet work ({@link
 * ReceivePath#handle}: demultiplex, decrypt, route) then runs on the engine's packet executor, for
 * this transport one drain at a time, so its datagrams are handled in order and its scratch buffers
 * are never shared, while different transports proceed in parallel on the pool.
 *
 * <p>Bounded: at most {@link #SLOTS} datagrams wait; more are dropped and counted (a transport
 * whose work cannot keep up loses packets instead of memory). A drain handles at most {@link
 * #BATCH} datagrams before yielding its thread to other transports.
 */
final class PushReceiver implements DatagramHandler {
  static final int SLOTS = 512;
  static final int BATCH = 64;

  private static final System.Logger LOG = System.getLogger(PushReceiver.class.getName());

  private static final class Slot {
    final byte[] data = new byte[ReceivePath.BUFFER_SIZE];
    int length;
  }

  private final Executor executor;
  private final ReceivePath path;
  private final TransportStats stats;
  private final ArrayBlockingQueue<Slot> queued = new ArrayBlockingQueue<>(SLOTS);
  private final ArrayBlockingQueue<Slot> free = new ArrayBlockingQueue<>(SLOTS);
  private final AtomicInteger allocated = new AtomicInteger();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Runnable drain = this::drain;

  PushReceiver(Executor executor, ReceivePath path, TransportStats stats) {
    this.executor = executor;
    this.path = path;
    this.stats = stats;
  }

  @Override
  public void onDatagram(byte[] buf, int off, int len) {
    if (len > ReceivePath.BUFFER_SIZE) {
      stats.malformed.increment();
      return;
    }
    Slot slot = free.poll();
    if (slot == null) {
      if (allocated.incrementAndGet() > SLOTS) {
        allocated.decrementAndGet();
        stats.dropped.increment();
        return;
      }
      slot = new Slot();
    }
    System.arraycopy(buf, off, slot.data, 0, len);
    slot.length = len;
    if (!queued.offer(slot)) {
      free.offer(slot);
      stats.dropped.increment();
      return;
    }
    schedule();
  }

  /** True once no drain is running or due; waits up to {@code timeoutNanos}. */
  boolean awaitIdle(long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    while (scheduled.get() || !queued.isEmpty()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(1);
    }
    return true;
  }

  private void schedule() {
    if (!scheduled.compareAndSet(false, true)) {
      return;
    }
    try {
      executor.execute(drain);
    } catch (RejectedExecutionException e) {
      // The engine is shutting down: what is queued will not be needed.
      scheduled.set(false);
      Slot slot;
      while ((slot = queued.poll()) != null) {
        free.offer(slot);
        stats.dropped.increment();
      }
    }
  }

  private void drain() {
    try {
      for (int n = 0; n < BATCH; n++) {
        Slot slot = queued.poll();
        if (slot == null) {
          break;
        }
        try {
          path.handle(slot.data, 0, slot.length);
        } catch (Error e) {
          // handle() catches exceptions; an Error costs this datagram, not the drain.
          stats.malformed.increment();
          LOG.log(System.Logger.Level.WARNING, "Datagram handling failed", e);
        } finally {
          free.offer(slot);
        }
      }
    } finally {
      scheduled.set(false);
    }
    // A datagram queued while this drain was finishing may have found it still scheduled.
    if (!queued.isEmpty()) {
      schedule();
    }
  }
}
