package dev.chorus.media.sfu;

import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.sfu.transport.WebRtcTransport;
import java.lang.System.Logger.Level;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A share of one producer's consumers that is forwarded on the engine's packet pool instead of on
 * the publisher's packet thread ({@link FanOut}). The publisher's thread copies each packet into a
 * slot and returns; one drain at a time forwards the slots in order to every consumer of the lane,
 * so a consumer sees its packets in order and on one thread at a time, as on the inline path.
 *
 * <p>Bounded: at most {@link #SLOTS} packets wait; a packet that finds no slot is not sent to this
 * lane's consumers and counted in their {@code notSent} (as a full socket buffer would be). One
 * consumer that throws costs that packet for that consumer only.
 */
final class FanOutLane {
  static final int SLOTS = 128;
  private static final int BATCH = 32;
  private static final Consumer[] NONE = new Consumer[0];
  private static final System.Logger LOG = System.getLogger(FanOutLane.class.getName());

  private static final class Slot {
    final byte[] data = new byte[WebRtcTransport.MAX_PACKET];
    int length;
    ProducerStream stream;
    boolean keyframe;
    long now;
  }

  private final Executor executor;
  private final ArrayBlockingQueue<Slot> queued = new ArrayBlockingQueue<>(SLOTS);
  private final ArrayBlockingQueue<Slot> free = new ArrayBlockingQueue<>(SLOTS);
  private final AtomicInteger allocated = new AtomicInteger();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Runnable drain = this::drain;
  // Used by the drain only, one drain at a time (the scheduled flag orders them).
  private final PacketScratch scratch = new PacketScratch();
  private final RtpPacket view = new RtpPacket();
  private volatile Consumer[] consumers = NONE;

  FanOutLane(Executor executor) {
    this.executor = executor;
  }

  int size() {
    return consumers.length;
  }

  void add(Consumer c) {
    consumers = CopyOnWriteArrays.append(consumers, c);
  }

  boolean remove(Consumer c) {
    var before = consumers;
    consumers = CopyOnWriteArrays.remove(before, c);
    return consumers != before;
  }

  void clear() {
    consumers = NONE;
  }

  /** On the publisher's packet thread: a copy of {@code p} for this lane's consumers. */
  void offer(ProducerStream s, RtpPacket p, boolean keyframe, long now) {
    var cs = consumers;
    if (cs.length == 0) {
      return;
    }
    int len = p.length();
    Slot slot = len > WebRtcTransport.MAX_PACKET ? null : take();
    if (slot == null) {
      notSent(cs);
      return;
    }
    System.arraycopy(p.buffer(), p.offset(), slot.data, 0, len);
    slot.length = len;
    slot.stream = s;
    slot.keyframe = keyframe;
    slot.now = now;
    if (!queued.offer(slot)) {
      release(slot);
      notSent(cs);
      return;
    }
    schedule();
  }

  private Slot take() {
    Slot slot = free.poll();
    if (slot != null) {
      return slot;
    }
    if (allocated.incrementAndGet() > SLOTS) {
      allocated.decrementAndGet();
      return null;
    }
    return new Slot();
  }

  private void release(Slot slot) {
    slot.stream = null;
    free.offer(slot);
  }

  private static void notSent(Consumer[] cs) {
    for (Consumer c : cs) {
      c.notSent.increment();
    }
  }

  private void schedule() {
    if (!scheduled.compareAndSet(false, true)) {
      return;
    }
    try {
      executor.execute(drain);
    } catch (RejectedExecutionException e) {
      // The engine is stopping: what waits will not be needed.
      scheduled.set(false);
      Slot slot;
      while ((slot = queued.poll()) != null) {
        release(slot);
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
          if (view.wrap(slot.data, 0, slot.length)) {
            forward(slot);
          }
        } finally {
          release(slot);
        }
      }
    } finally {
      scheduled.set(false);
    }
    // A packet queued while this drain was finishing may have found it still scheduled.
    if (!queued.isEmpty()) {
      schedule();
    }
  }

  private void forward(Slot slot) {
    for (Consumer c : consumers) {
      try {
        c.forward(slot.stream, view, slot.keyframe, slot.now, scratch);
      } catch (RuntimeException e) {
        c.notSent.increment();
        LOG.log(Level.DEBUG, "Forwarding on a fan-out lane failed", e);
      }
    }
  }
}
