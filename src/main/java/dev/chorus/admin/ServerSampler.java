package dev.chorus.admin;

import dev.chorus.config.MediaEngineProvider;
import dev.chorus.im.presence.PresenceService;
import dev.chorus.im.room.RoomOccupancy;
import dev.chorus.signaling.Connections;
import dev.chorus.signaling.media.RoomMediaService;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last hour of the server's figures, in memory: one {@link ServerSample} every {@value
 * #INTERVAL_SECONDS} s on the container's scheduler, the last {@value #CAPACITY} kept. A sample
 * that fails is counted (in {@code errors}) and logged; the next one is taken as usual. The same
 * readings give the current figures ({@link #now}) between samples.
 */
@ApplicationScoped
public class ServerSampler {
  static final int INTERVAL_SECONDS = 10;
  static final int CAPACITY = 360; // one hour
  private static final Logger LOG = Logger.getLogger(ServerSampler.class.getName());

  @Inject PresenceService presence;
  @Inject Connections connections;
  @Inject RoomOccupancy occupancy;
  @Inject RoomMediaService roomMedia;
  @Inject MediaEngineProvider media;
  @Inject Clock clock;

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  private final SampleRing<ServerSample> ring = new SampleRing<>(CAPACITY);
  private final PacketRates rates = new PacketRates();
  private final AtomicLong failedSamples = new AtomicLong();
  private volatile PacketRates.Rates lastRates = PacketRates.Rates.NONE;
  private ScheduledFuture<?> task;

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    task = scheduler.scheduleAtFixedRate(this::sampleSafely, 0, INTERVAL_SECONDS, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }

  /** The figures now; the packet rates are those of the last sample. */
  public ServerSample now() {
    return read(lastRates);
  }

  /** Up to the last hour of samples, oldest first. */
  public List<ServerSample> lastHour() {
    return ring.all();
  }

  // A periodic task that throws is never run again: every failure is caught here.
  private void sampleSafely() {
    try {
      sample();
    } catch (RuntimeException e) {
      failedSamples.incrementAndGet();
      LOG.log(Level.WARNING, "could not take a server sample", e);
    }
  }

  /** Takes one sample (the scheduler's only thread for it, so the rates have one user). */
  synchronized void sample() {
    var totals = new HashMap<String, PacketRates.Totals>();
    media
        .engine()
        .ifPresent(
            e -> {
              for (var t : e.transports()) {
                var c = t.snapshot().counters();
                totals.put(t.id(), new PacketRates.Totals(c.rtpPacketsIn(), c.rtpPacketsOut()));
              }
            });
    lastRates = rates.update(totals, System.nanoTime());
    ring.add(read(lastRates));
  }

  private ServerSample read(PacketRates.Rates packets) {
    var load = MediaLoad.NONE;
    for (var room : roomMedia.stats()) {
      load = load.plus(MediaLoad.of(room));
    }
    var sockets = connections.stats();
    long errors = failedSamples.get() + sockets.closedSendFailed();
    int transports = 0;
    var engine = media.engine();
    if (engine.isPresent()) {
      errors += engine.get().readerRestarts();
      for (var t : engine.get().transports()) {
        var c = t.snapshot().counters();
        errors += c.srtpFailures() + c.malformed() + c.sendErrors() + c.listenerErrors();
        transports++;
      }
    }
    return new ServerSample(
        clock.instant(),
        presence.online().size(),
        sockets.open(),
        occupancy.activeRoomCount(),
        transports,
        load.producers(),
        load.consumers(),
        load.bitrateInBps(),
        load.bitrateOutBps(),
        packets.packetsIn(),
        packets.packetsOut(),
        load.packetLossPercent(),
        errors);
  }
}
