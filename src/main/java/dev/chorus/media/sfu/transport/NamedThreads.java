package dev.chorus.media.sfu.transport;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gives each thread of a factory a name for its job ({@code media-packet-1}, …), set by the thread
 * itself as it starts, because only a running thread can rename its native (operating-system)
 * thread. So {@code top -H}, {@code perf} and a thread dump tell the engine's readers, packet
 * workers and DTLS handshakes apart from the container's other threads. Names stay within the 15
 * characters Linux keeps.
 */
final class NamedThreads implements ThreadFactory {
  private final ThreadFactory delegate;
  private final String prefix;
  private final AtomicInteger next = new AtomicInteger(1);

  NamedThreads(ThreadFactory delegate, String prefix) {
    this.delegate = delegate;
    this.prefix = prefix;
  }

  @Override
  public Thread newThread(Runnable task) {
    String name = prefix + "-" + next.getAndIncrement();
    return delegate.newThread(
        () -> {
          Thread.currentThread().setName(name);
          task.run();
        });
  }
}
