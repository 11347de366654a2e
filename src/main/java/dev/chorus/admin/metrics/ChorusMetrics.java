package dev.chorus.admin.metrics;

import dev.chorus.config.MediaEngineProvider;
import dev.chorus.im.chat.SentMessages;
import dev.chorus.im.presence.PresenceService;
import dev.chorus.im.room.RoomOccupancy;
import dev.chorus.media.sfu.transport.TransportStats;
import dev.chorus.signaling.Connections;
import dev.chorus.signaling.media.RoomMediaService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This deployment's Micrometer registry (its own, not Micrometer's global one, so a redeploy starts
 * afresh and two applications in one server do not mix) and every Chorus meter on it. The figures
 * are read from where the application keeps them, once per scrape ({@link #scrape}); REST requests
 * and logins are recorded by {@link RestMetricsFilter}.
 */
@ApplicationScoped
public class ChorusMetrics {
  static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final Logger LOG = Logger.getLogger(ChorusMetrics.class.getName());

  /** Distinct (method, route, status) timers at most; more are folded into route "other". */
  static final int MAX_ROUTES = 500;

  @Inject Connections connections;
  @Inject PresenceService presence;
  @Inject RoomOccupancy occupancy;
  @Inject RoomMediaService roomMedia;
  @Inject MediaEngineProvider media;
  @Inject SentMessages sentMessages;

  private PrometheusMeterRegistry registry;
  private Counter loginsSucceeded;
  private Counter loginsFailed;
  private final MonotonicSum nacksReceived = new MonotonicSum();
  private final MonotonicSum nacksSent = new MonotonicSum();
  private final MonotonicSum keyframesReceived = new MonotonicSum();
  private final MonotonicSum keyframesSent = new MonotonicSum();
  private volatile Figures figures = Figures.NONE;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  @PostConstruct
  void init() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    bindFigures();
    loginsSucceeded = login("success");
    loginsFailed = login("failure");
  }

  private Counter login(String result) {
    return Counter.builder("chorus.logins")
        .description("Password logins (POST /api/sessions) by result")
        .tag("result", result)
        .register(registry);
  }

  private void bindFigures() {
    gauge("chorus.sockets.open", "Open authenticated WebSockets (tabs)", Figures::socketsOpen);
    gauge(
        "chorus.sockets.unauthenticated",
        "WebSockets waiting for their auth message",
        Figures::socketsUnauthenticated);
    gauge(
        "chorus.sockets.queued.bytes",
        "Bytes waiting in the sockets' outbound queues",
        Figures::socketsQueuedBytes);
    counter(
        "chorus.sockets.closed.slow",
        "Sockets closed because their client read too slowly",
        Figures::socketsClosedTooSlow);
    counter(
        "chorus.sockets.closed.send.failed",
        "Sockets closed on a failed send",
        Figures::socketsClosedSendFailed);
    gauge("chorus.users.online", "Users with at least one socket open", Figures::usersOnline);
    gauge("chorus.rooms.active", "Rooms with at least one person in them", Figures::roomsActive);
    gauge(
        "chorus.rooms.occupants",
        "People in rooms, once per room they are in",
        Figures::roomOccupants);
    counter(
        "chorus.chat.messages.sent",
        "Chat messages stored, direct and room, since start",
        Figures::chatMessagesSent);
    gauge("chorus.media.up", "1 while the media engine runs", f -> f.mediaRunning() ? 1 : 0);
    gauge("chorus.media.rooms", "Rooms with a media router", Figures::mediaRooms);
    gauge("chorus.media.transports", "Open WebRTC transports", Figures::transports);
    gauge("chorus.media.producers", "Tracks received from publishers", Figures::producers);
    gauge("chorus.media.consumers", "Tracks forwarded to subscribers", Figures::consumers);
    gauge("chorus.media.threads", "Media engine threads alive", Figures::mediaThreads);
    counter(
        "chorus.media.reader.restarts",
        "Media socket readers that failed and were restarted",
        Figures::readerRestarts);
    packets("chorus.media.packets.received", "rtp", c -> c.rtpPacketsIn());
    packets("chorus.media.packets.received", "rtcp", c -> c.rtcpPacketsIn());
    packets("chorus.media.packets.sent", "rtp", c -> c.rtpPacketsOut());
    packets("chorus.media.packets.sent", "rtcp", c -> c.rtcpPacketsOut());
    packets("chorus.media.received.bytes", "rtp", c -> c.rtpBytesIn());
    packets("chorus.media.received.bytes", "rtcp", c -> c.rtcpBytesIn());
    packets("chorus.media.sent.bytes", "rtp", c -> c.rtpBytesOut());
    packets("chorus.media.sent.bytes", "rtcp", c -> c.rtcpBytesOut());
    counter(
        "chorus.media.srtp.failures",
        "Datagrams that failed SRTP/SRTCP (bad tag, replay, too old)",
        f -> f.packets().srtpFailures());
    counter(
        "chorus.media.dtls.failures",
        "DTLS handshakes failed and DTLS sessions ended by a fatal alert",
        Figures::dtlsFailures);
    direction(
        "chorus.media.nacks",
        "NACKed packets: received from subscribers, sent to publishers",
        Figures::nacksReceived,
        Figures::nacksSent);
    direction(
        "chorus.media.plis",
        "Key frame requests (PLI, FIR): received from subscribers, sent to publishers",
        Figures::keyframeRequestsReceived,
        Figures::keyframeRequestsSent);
  }

  private void gauge(String name, String help, ToDoubleFunction<Figures> read) {
    Gauge.builder(name, this, m -> read.applyAsDouble(m.figures))
        .description(help)
        .strongReference(true)
        .register(registry);
  }

  private void counter(String name, String help, ToDoubleFunction<Figures> read) {
    FunctionCounter.builder(name, this, m -> read.applyAsDouble(m.figures))
        .description(help)
        .register(registry);
  }

  private void packets(String name, String kind, ToDoubleFunction<TransportStats.Counters> read) {
    FunctionCounter.builder(name, this, m -> read.applyAsDouble(m.figures.packets()))
        .description("Media on the wire (SRTP/SRTCP, authenticated), every transport since start")
        .tag("kind", kind)
        .register(registry);
  }

  private void direction(
      String name,
      String help,
      ToDoubleFunction<Figures> received,
      ToDoubleFunction<Figures> sent) {
    FunctionCounter.builder(name, this, m -> received.applyAsDouble(m.figures))
        .description(help)
        .tag("direction", "received")
        .register(registry);
    FunctionCounter.builder(name, this, m -> sent.applyAsDouble(m.figures))
        .description(help)
        .tag("direction", "sent")
        .register(registry);
  }

  /** Reads every figure, then writes the registry in the format asked for. */
  public synchronized String scrape(boolean openMetrics) {
    try {
      figures = read();
    } catch (RuntimeException e) {
      // Better the last figures than no scrape at all: the JVM and REST meters still tell a lot.
      LOG.log(Level.WARNING, "could not read the figures for a metrics scrape", e);
    }
    return registry.scrape(openMetrics ? OPENMETRICS : PROMETHEUS_TEXT);
  }

  /** One REST request: method, route template, status, how long it took. */
  void recordRequest(String method, String route, int status, Duration took) {
    var key = method + ' ' + route + ' ' + status;
    var timer = timers.get(key);
    if (timer == null) {
      // The cap keeps a bug that made routes of raw paths from growing the registry without end.
      var tagRoute = timers.size() < MAX_ROUTES ? route : "other";
      timer =
          timers.computeIfAbsent(
              timers.size() < MAX_ROUTES ? key : method + " other " + status,
              k ->
                  Timer.builder("chorus.rest.requests")
                      .description("REST requests by method, route template and status")
                      .tag("method", method)
                      .tag("route", tagRoute)
                      .tag("status", Integer.toString(status))
                      .register(registry));
    }
    timer.record(took);
  }

  /** A password login's result. */
  void recordLogin(boolean succeeded) {
    (succeeded ? loginsSucceeded : loginsFailed).increment();
  }

  private Figures read() {
    var sockets = connections.stats();
    var engine = media.engine();
    var rooms = roomMedia.stats();
    var nacksIn = new HashMap<String, Long>();
    var nacksOut = new HashMap<String, Long>();
    var plisIn = new HashMap<String, Long>();
    var plisOut = new HashMap<String, Long>();
    int producers = 0;
    int consumers = 0;
    for (var room : rooms) {
      for (var p : room.producers()) {
        producers++;
        nacksOut.put(p.stats().id(), p.stats().nacksSent());
        plisOut.put(p.stats().id(), p.stats().keyframeRequestsSent());
      }
      for (var c : room.consumers()) {
        consumers++;
        nacksIn.put(c.stats().id(), c.stats().nacksReceived());
        plisIn.put(c.stats().id(), c.stats().keyframeRequestsReceived());
      }
    }
    return new Figures(
        sockets.open(),
        sockets.unauthenticated(),
        sockets.queuedBytes(),
        sockets.closedTooSlow(),
        sockets.closedSendFailed(),
        presence.online().size(),
        occupancy.activeRoomCount(),
        occupancy.occupantCount(),
        sentMessages.count(),
        engine.isPresent(),
        rooms.size(),
        engine.map(e -> e.transports().size()).orElse(0),
        producers,
        consumers,
        engine.map(e -> e.threadCount()).orElse(0),
        engine.map(e -> e.readerRestarts()).orElse(0L),
        engine.map(e -> e.totals()).orElse(figures.packets()),
        engine.map(e -> e.dtlsFailures()).orElse(0L),
        nacksReceived.update(nacksIn),
        nacksSent.update(nacksOut),
        keyframesReceived.update(plisIn),
        keyframesSent.update(plisOut));
  }

  @PreDestroy
  void close() {
    registry.close();
  }
}
