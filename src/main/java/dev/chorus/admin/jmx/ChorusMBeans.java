package dev.chorus.admin.jmx;

import dev.chorus.config.MediaEngineProvider;
import dev.chorus.im.audit.AuditEvent;
import dev.chorus.im.common.NotFoundException;
import dev.chorus.im.presence.PresenceService;
import dev.chorus.im.room.RoomAdministration;
import dev.chorus.im.room.RoomOccupancy;
import dev.chorus.signaling.Connections;
import dev.chorus.signaling.media.RoomMediaService;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Puts the MXBeans into the platform MBean server (the one JConsole, VisualVM and the servers'
 * consoles show) when the application starts, and takes them out when it stops.
 */
@ApplicationScoped
public class ChorusMBeans {
  static final String DOMAIN = "dev.chorus";
  private static final Logger LOG = Logger.getLogger(ChorusMBeans.class.getName());
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

  @Inject MediaEngineProvider media;
  @Inject RoomOccupancy occupancy;
  @Inject RoomMediaService roomMedia;
  @Inject Connections connections;
  @Inject PresenceService presence;
  @Inject RoomAdministration rooms;
  @Inject Event<AuditEvent> audit;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  private MBeanRegistrar registrar;

  void register(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    registrar = new MBeanRegistrar(ManagementFactory.getPlatformMBeanServer());
    try {
      registrar.register(name("MediaEngine"), new MediaEngineView(media));
      registrar.register(name("Rooms"), new RoomsView(occupancy, roomMedia, this::closeRoom));
      registrar.register(name("Connections"), new ConnectionsView(connections, presence));
      LOG.info("JMX: registered " + registrar.registered());
    } catch (JMException | RuntimeException e) {
      // Monitoring must not stop the application from serving.
      LOG.log(Level.SEVERE, "JMX: could not register the Chorus MBeans", e);
    }
  }

  /**
   * Closes a room on a container thread: a JMX call arrives on the connector's own thread, which
   * has none of the naming and transaction context the close needs. Only JDK exception types leave,
   * as a JMX client has no Chorus classes.
   */
  private String closeRoom(String roomId) {
    try {
      return executor
          .submit(
              () -> {
                var name = rooms.close(roomId);
                audit.fire(
                    new AuditEvent(
                        null,
                        "room.closed",
                        "room " + name,
                        "room id " + roomId + ", over JMX",
                        null));
                return name;
              })
          .get(CLOSE_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof NotFoundException) {
        throw new IllegalArgumentException("no room " + roomId);
      }
      LOG.log(Level.WARNING, "JMX: closing room " + roomId + " failed", e.getCause());
      throw new IllegalStateException("closing room " + roomId + " failed: " + e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("closing room " + roomId + " took over " + CLOSE_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing room " + roomId);
    }
  }

  static ObjectName name(String type) throws JMException {
    return new ObjectName(DOMAIN + ":type=" + type);
  }

  @PreDestroy
  void unregister() {
    if (registrar != null) {
      registrar.unregisterAll();
    }
  }
}
