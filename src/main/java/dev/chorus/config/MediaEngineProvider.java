package dev.chorus.config;

import dev.chorus.media.ice.IceConfig;
import dev.chorus.media.sfu.transport.MediaEngine;
import dev.chorus.media.sfu.transport.MediaEngineOptions;
import dev.chorus.media.sfu.transport.RetransmissionBudget;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts the media engine when the application starts and closes it (releasing the UDP and TCP
 * media ports and its threads) when it stops. Threads come from the container: its managed
 * scheduled executor for timers, and its managed thread factory for a fixed set whatever the number
 * of participants: the ICE socket readers (one per UDP host address, one for ICE-TCP), {@code
 * chorus.media.packet-threads} (2) for packet work and {@code chorus.media.handshake-threads} (4)
 * for DTLS handshakes.
 */
@ApplicationScoped
public class MediaEngineProvider {
  private static final Logger LOG = Logger.getLogger(MediaEngineProvider.class.getName());
  // Held so the levels stick: JUL keeps loggers only weakly.
  private static final Logger ICE4J = Logger.getLogger("org.ice4j");
  private static final Logger JITSI = Logger.getLogger("org.jitsi");
  private static final int BIND_ATTEMPTS = 10;

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
  ManagedThreadFactory threads;

  @Inject
  @ConfigProperty(name = "chorus.media.enabled", defaultValue = "true")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "chorus.media.udp-port", defaultValue = "10000")
  int udpPort;

  @Inject
  @ConfigProperty(name = "chorus.media.tcp-port", defaultValue = "4443")
  int tcpPort;

  @Inject
  @ConfigProperty(name = "chorus.media.bind-address")
  Optional<String> bindAddress;

  @Inject
  @ConfigProperty(name = "chorus.media.announced-address")
  Optional<String> announcedAddress;

  @Inject
  @ConfigProperty(name = "chorus.media.loopback-candidate")
  Optional<Boolean> loopbackCandidate;

  /** The shared packet pool's size (at least 1). */
  @Inject
  @ConfigProperty(name = "chorus.media.packet-threads", defaultValue = "2")
  int packetThreads;

  /** DTLS handshakes at once (at least 1); more joining at the same moment wait their turn. */
  @Inject
  @ConfigProperty(name = "chorus.media.handshake-threads", defaultValue = "4")
  int handshakeThreads;

  /** Transports the engine holds at once; more are refused (media_unavailable). */
  @Inject
  @ConfigProperty(name = "chorus.media.max-transports", defaultValue = "500")
  int maxTransports;

  /** Bytes per second each consumer may resend in answer to NACKs. */
  @Inject
  @ConfigProperty(name = "chorus.media.nack-bytes-per-second", defaultValue = "250000")
  long nackBytesPerSecond;

  /** How often one packet may be resent. */
  @Inject
  @ConfigProperty(name = "chorus.media.nack-max-per-packet", defaultValue = "3")
  int nackMaxPerPacket;

  /** DTLS handshakes in the handshake pool at once from one remote IP address. */
  @Inject
  @ConfigProperty(name = "chorus.media.max-handshakes-per-address", defaultValue = "2")
  int maxHandshakesPerAddress;

  /** DTLS handshakes in the handshake pool at once of one owner (user). */
  @Inject
  @ConfigProperty(name = "chorus.media.max-handshakes-per-owner", defaultValue = "2")
  int maxHandshakesPerOwner;

  /** DTLS datagrams one transport handles per second. */
  @Inject
  @ConfigProperty(name = "chorus.media.max-dtls-datagrams-per-second", defaultValue = "50")
  int maxDtlsDatagramsPerSecond;

  private volatile MediaEngine engine;

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    if (!enabled) {
      LOG.info("Media engine disabled (chorus.media.enabled=false)");
      return;
    }
    ICE4J.setLevel(Level.WARNING);
    JITSI.setLevel(Level.WARNING);
    var config =
        IceConfig.of(
            udpPort,
            tcpPort,
            bindAddress.orElse(null),
            announcedAddress.orElse(null),
            loopbackCandidate.orElse(null),
            null);
    // After a quick redeploy the old socket may take a moment to release the port.
    for (int attempt = 1; ; attempt++) {
      try {
        engine =
            MediaEngine.startWithThreads(
                config,
                scheduler,
                threads,
                MediaEngineOptions.defaults()
                    .withPacketThreads(packetThreads)
                    .withHandshakeThreads(handshakeThreads)
                    .withMaxTransports(maxTransports)
                    .withRetransmissionBudget(
                        new RetransmissionBudget(nackBytesPerSecond, nackMaxPerPacket))
                    .withHandshakesPer(maxHandshakesPerAddress, maxHandshakesPerOwner)
                    .withMaxDtlsDatagramsPerSecond(maxDtlsDatagramsPerSecond));
        LOG.info("Media engine ready: " + engine.describe());
        return;
      } catch (BindException e) {
        if (attempt == BIND_ATTEMPTS) {
          LOG.log(Level.SEVERE, "Media ports taken; room media is unavailable", e);
          return;
        }
        sleep(Duration.ofMillis(200));
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.SEVERE, "Media engine failed to start; room media is unavailable", e);
        return;
      }
    }
  }

  /** Whether media is configured on (chorus.media.enabled); the engine may still have failed. */
  public boolean enabled() {
    return enabled;
  }

  /** The running engine, or empty if it is disabled or failed to start. */
  public Optional<MediaEngine> engine() {
    return Optional.ofNullable(engine);
  }

  @PreDestroy
  void stop() {
    var e = engine;
    engine = null;
    if (e != null) {
      e.close();
      LOG.info("Media engine stopped; media ports released");
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
