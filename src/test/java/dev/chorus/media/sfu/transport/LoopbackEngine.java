package dev.chorus.media.sfu.transport;

import static dev.chorus.media.sfu.transport.SfuTestSupport.CONNECT;

import dev.chorus.media.dtls.SrtpProtectionProfiles;
import dev.chorus.media.ice.IceConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * A {@link MediaEngine} on 127.0.0.1 with the executors it runs on and the test peers ({@link
 * FakeBrowser}, {@link RawUdpBrowser}) made through it; {@link #close()} closes the peers, then the
 * engine, then the executors.
 */
public final class LoopbackEngine implements AutoCloseable {
  private final SecureRandom random = new SecureRandom();
  private final List<Runnable> peerClosers = new ArrayList<>();
  private final ScheduledExecutorService scheduler;
  private final ExecutorService workers; // null for an engine on its own threads
  private final ExecutorService readers = Executors.newCachedThreadPool();
  private final MediaEngine engine;

  private LoopbackEngine(
      ScheduledExecutorService scheduler, ExecutorService workers, EngineStart start)
      throws IOException {
    this.scheduler = scheduler;
    this.workers = workers;
    try {
      this.engine = start.start(scheduler);
    } catch (IOException | RuntimeException e) {
      shutdownExecutors();
      throw e;
    }
  }

  private interface EngineStart {
    public MediaEngine start(ScheduledExecutorService scheduler) throws IOException;
  }

  /** {@link MediaEngine#start} with every task on a cached pool. */
  public static LoopbackEngine start(IceConfig config, MediaEngineOptions options)
      throws IOException {
    var workers = Executors.newCachedThreadPool();
    return new LoopbackEngine(
        Executors.newScheduledThreadPool(2),
        workers,
        scheduler -> MediaEngine.start(config, scheduler, workers, options));
  }

  /** {@link MediaEngine#startWithThreads} on threads from {@code threads}. */
  public static LoopbackEngine startWithThreads(
      IceConfig config, ThreadFactory threads, MediaEngineOptions options) throws IOException {
    return new LoopbackEngine(
        Executors.newScheduledThreadPool(2),
        null,
        scheduler -> MediaEngine.startWithThreads(config, scheduler, threads, options));
  }

  public MediaEngine engine() {
    return engine;
  }

  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** Where fake browsers run their readers. */
  ExecutorService readers() {
    return readers;
  }

  /** A new fake browser, closed with this. */
  FakeBrowser browser() {
    var browser = new FakeBrowser(random);
    peerClosers.add(browser::close);
    return browser;
  }

  /** A new fake browser, connected to {@code transport} with SRTP: {@code states} saw CONNECTED. */
  public FakeBrowser connect(WebRtcTransport transport, StateLog states) throws Exception {
    var browser = browser();
    browser.connect(transport, readers, SrtpProtectionProfiles.supported(), CONNECT);
    states.await(TransportState.CONNECTED, CONNECT);
    return browser;
  }

  /** A new raw UDP browser on 127.0.0.1, closed with this. */
  public RawUdpBrowser rawBrowser() throws IOException {
    return rawBrowser(InetAddress.getLoopbackAddress());
  }

  /** A new raw UDP browser on {@code local}, closed with this. */
  public RawUdpBrowser rawBrowser(InetAddress local) throws IOException {
    var browser = new RawUdpBrowser(random, local);
    peerClosers.add(browser::close);
    return browser;
  }

  @Override
  public void close() {
    peerClosers.forEach(Runnable::run);
    engine.close();
    shutdownExecutors();
  }

  private void shutdownExecutors() {
    scheduler.shutdownNow();
    if (workers != null) {
      workers.shutdownNow();
    }
    readers.shutdownNow();
  }
}
