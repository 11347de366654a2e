package dev.chorus.media.sfu.transport;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where a {@link MediaEngine}'s work runs: the ICE readers, the packet work and the DTLS
 * handshakes. Either threads the engine makes itself from a factory, and so must end on close, or a
 * given executor it only borrows.
 */
final class EngineThreads {
  private static final System.Logger LOG = System.getLogger(MediaEngine.class.getName());
  private static final long POOL_STOP_SECONDS = 5;

  private final Executor readers;
  private final Executor packetWork;
  private final Executor handshakes;
  private final List<ExecutorService> ownedPools;
  private final CountingThreadFactory threads; // null if borrowed

  private EngineThreads(
      Executor readers,
      Executor packetWork,
      Executor handshakes,
      List<ExecutorService> ownedPools,
      CountingThreadFactory threads) {
    this.readers = readers;
    this.packetWork = packetWork;
    this.handshakes = handshakes;
    this.ownedPools = ownedPools;
    this.threads = threads;
  }

  /** A fixed set of threads from {@code factory}, all started now. */
  static EngineThreads own(ThreadFactory factory, MediaEngineOptions options) {
    var counting = new CountingThreadFactory(factory);
    var readerThreads = new NamedThreads(counting, "media-reader");
    Executor readers =
        task -> {
          Thread thread = readerThreads.newThread(task);
          if (thread == null) {
            throw new RejectedExecutionException("the thread factory refused a thread");
          }
          thread.start();
        };
    var packetPool = fixedPool(options.packetThreads(), new NamedThreads(counting, "media-packet"));
    var handshakePool =
        fixedPool(options.handshakeThreads(), new NamedThreads(counting, "media-dtls"));
    // All at once, so the engine's thread count is the same with 1 participant or 100.
    packetPool.prestartAllCoreThreads();
    handshakePool.prestartAllCoreThreads();
    return new EngineThreads(
        readers, packetPool, handshakePool, List.of(packetPool, handshakePool), counting);
  }

  /** Every task on {@code workers}, at most {@code handshakeThreads} handshakes at once. */
  static EngineThreads borrow(Executor workers, int handshakeThreads) {
    return new EngineThreads(
        workers, workers, new BoundedExecutor(workers, handshakeThreads), List.of(), null);
  }

  private static ThreadPoolExecutor fixedPool(int size, ThreadFactory factory) {
    return new ThreadPoolExecutor(
        size, size, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory);
  }

  Executor readers() {
    return readers;
  }

  Executor packetWork() {
    return packetWork;
  }

  Executor handshakes() {
    return handshakes;
  }

  /** Own threads alive; 0 if borrowed. */
  int alive() {
    return threads == null ? 0 : threads.alive();
  }

  /** For an engine that failed to start: stops the own pools without waiting. */
  void abandon() {
    ownedPools.forEach(ExecutorService::shutdownNow);
  }

  /** Stops the own pools and waits (a few seconds at most) for every own thread to end. */
  void close() {
    for (var pool : ownedPools) {
      pool.shutdown();
    }
    for (var pool : ownedPools) {
      try {
        if (!pool.awaitTermination(POOL_STOP_SECONDS, TimeUnit.SECONDS)) {
          pool.shutdownNow();
          LOG.log(Level.WARNING, "Media engine pool did not stop in time");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        pool.shutdownNow();
      }
    }
    awaitThreadsEnded();
  }

  private void awaitThreadsEnded() {
    if (threads == null) {
      return;
    }
    try {
      if (!threads.awaitNone(TimeUnit.SECONDS.toNanos(POOL_STOP_SECONDS))) {
        LOG.log(Level.WARNING, "{0} media engine thread(s) still running", threads.alive());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
