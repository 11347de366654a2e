package dev.chorus.signaling;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that drain every socket's {@link OutboundQueue} and run socket closes: a fixed pool
 * on the container's managed thread factory.
 *
 * <p>Why not the container's ManagedExecutorService: it captures and restores the caller's context
 * for every task, and Payara's capture scans the class path for context providers, so each pushed
 * frame paid a class-path scan (measured: a fifth of the signaling CPU while a room of 100 filled,
 * bench/README.md). A drain task needs no caller context: it hands one frame to the container's
 * asynchronous send. Threads made by the managed factory carry the application's own context.
 *
 * <p>Bounded: at most one drain task per socket is pending ({@link OutboundQueue}), so {@code
 * maxPending} only has to exceed the socket caps; beyond it a task is rejected and the queue ends
 * its socket ({@code send failed}) rather than grow without limit.
 */
final class SocketDrainers implements Executor, AutoCloseable {
  private final ThreadPoolExecutor pool;

  SocketDrainers(ThreadFactory threads, int size, int maxPending) {
    var next = new AtomicInteger(1);
    ThreadFactory named =
        task -> {
          // Set by the thread itself: only a running thread can rename its native thread, which
          // is what top -H and perf show.
          var name = "socket-drain-" + next.getAndIncrement();
          return threads.newThread(
              () -> {
                Thread.currentThread().setName(name);
                task.run();
              });
        };
    pool =
        new ThreadPoolExecutor(
            size, size, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(maxPending), named);
    pool.allowCoreThreadTimeOut(true); // an idle server keeps no drain threads
  }

  @Override
  public void execute(Runnable task) {
    pool.execute(task);
  }

  /** Stops taking tasks; queued ones are dropped (their sockets are closing with the app). */
  @Override
  public void close() {
    pool.shutdownNow();
  }
}
