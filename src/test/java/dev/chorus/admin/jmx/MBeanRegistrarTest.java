package dev.chorus.admin.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.config.MediaEngineProvider;
import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Against the JVM's platform MBean server, as in the servers: the three MXBeans are valid MXBeans
 * under dev.chorus, a second deployment's registration replaces what the first left behind (one
 * set, the new one), and unregistering removes exactly them.
 */
class MBeanRegistrarTest {
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  @AfterEach
  void clean() throws Exception {
    for (var name : server.queryNames(new ObjectName(ChorusMBeans.DOMAIN + ":*"), null)) {
      server.unregisterMBean(name);
    }
  }

  private int chorusBeans() throws Exception {
    return server.queryNames(new ObjectName(ChorusMBeans.DOMAIN + ":*"), null).size();
  }

  private static MBeanRegistrar deploy(MBeanServer server, MediaEngineProvider media)
      throws Exception {
    var registrar = new MBeanRegistrar(server);
    registrar.register(ChorusMBeans.name("MediaEngine"), new MediaEngineView(media));
    registrar.register(ChorusMBeans.name("Rooms"), new RoomsView(null, null, id -> id));
    registrar.register(ChorusMBeans.name("Connections"), new ConnectionsView(null, null));
    return registrar;
  }

  @Test
  void registersTheThreeTypesAndUnregistersThem() throws Exception {
    var registrar = deploy(server, new MediaEngineProvider());
    assertEquals(3, chorusBeans());
    var media = ChorusMBeans.name("MediaEngine");
    assertTrue(server.isInstanceOf(media, MediaEngineMXBean.class.getName()));
    assertEquals(false, server.getAttribute(media, "Running"), "media not started here");
    assertEquals(0, server.getAttribute(media, "Transports"));
    var operations = server.getMBeanInfo(ChorusMBeans.name("Connections")).getOperations();
    assertEquals("disconnectUser", operations[0].getName());

    registrar.unregisterAll();
    assertEquals(0, chorusBeans());
    assertFalse(server.isRegistered(media));
  }

  @Test
  void aRedeployReplacesWhatTheOldDeploymentLeftBehind() throws Exception {
    var oldProvider = new MediaEngineProvider();
    deploy(server, oldProvider); // never unregistered, as after a killed undeploy
    var newProvider = new MediaEngineProvider();
    var registrar = deploy(server, newProvider);
    assertEquals(3, chorusBeans(), "one set");

    registrar.unregisterAll();
    assertEquals(0, chorusBeans());
  }

  @Test
  void undeployThenDeployLeavesOneSet() throws Exception {
    deploy(server, new MediaEngineProvider()).unregisterAll();
    deploy(server, new MediaEngineProvider());
    assertEquals(3, chorusBeans());
  }
}
