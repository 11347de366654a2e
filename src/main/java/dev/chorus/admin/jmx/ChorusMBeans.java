package dev.chorus.admin.jmx;

import dev.chorus.config.MediaEngineProvider;
import dev.chorus.im.presence.PresenceService;
import dev.chorus.im.room.RoomOccupancy;
import dev.chorus.signaling.Connections;
import dev.chorus.signaling.media.RoomMediaService;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
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

  @Inject MediaEngineProvider media;
  @Inject RoomOccupancy occupancy;
  @Inject RoomMediaService roomMedia;
  @Inject Connections connections;
  @Inject PresenceService presence;

  private MBeanRegistrar registrar;

  void register(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    registrar = new MBeanRegistrar(ManagementFactory.getPlatformMBeanServer());
    try {
      registrar.register(name("MediaEngine"), new MediaEngineView(media));
      registrar.register(name("Rooms"), new RoomsView(occupancy, roomMedia));
      registrar.register(name("Connections"), new ConnectionsView(connections, presence));
      LOG.info("JMX: registered " + registrar.registered());
    } catch (JMException | RuntimeException e) {
      // Monitoring must not stop the application from serving.
      LOG.log(Level.SEVERE, "JMX: could not register the Chorus MBeans", e);
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
