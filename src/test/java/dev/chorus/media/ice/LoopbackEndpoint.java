package dev.chorus.media.ice;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * An {@link IceEndpoint} on 127.0.0.1, UDP and ICE-TCP each on a free port, with a scheduler and
 * reader pool of its own; {@link #close()} ends all three.
 */
final class LoopbackEndpoint implements AutoCloseable {
  private final ScheduledExecutorService scheduler;
  private final ExecutorService readers;
  private final IceEndpoint endpoint;

  private LoopbackEndpoint(
      ScheduledExecutorService scheduler, ExecutorService readers, IceEndpoint endpoint) {
    this.scheduler = scheduler;
    this.readers = readers;
    this.endpoint = endpoint;
  }

  static LoopbackEndpoint open(Duration consentTimeout) throws IOException {
    var scheduler = Executors.newScheduledThreadPool(2);
    var readers = Executors.newCachedThreadPool();
    try {
      var config =
          IceConfig.of(0, IceTcpTest.freeTcpPort(), "127.0.0.1", null, null, consentTimeout);
      return new LoopbackEndpoint(scheduler, readers, IceEndpoint.open(config, scheduler, readers));
    } catch (IOException | RuntimeException e) {
      scheduler.shutdownNow();
      readers.shutdownNow();
      throw e;
    }
  }

  IceEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    endpoint.close();
    scheduler.shutdownNow();
    readers.shutdownNow();
  }
}
