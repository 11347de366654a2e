package dev.chorus.admin.jmx;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers MBeans in one MBean server and unregisters exactly those again. A name already taken
 * (the previous deployment did not get to unregister, e.g. it was killed half-way through an
 * undeploy) is replaced: the old bean would point into a dead application.
 */
final class MBeanRegistrar {
  private static final Logger LOG = Logger.getLogger(MBeanRegistrar.class.getName());

  private final MBeanServer server;
  private final List<ObjectName> registered = new ArrayList<>();

  MBeanRegistrar(MBeanServer server) {
    this.server = server;
  }

  /** Registers {@code bean} as {@code name}, replacing what was there. */
  synchronized void register(ObjectName name, Object bean) throws JMException {
    try {
      server.registerMBean(bean, name);
    } catch (InstanceAlreadyExistsException e) {
      LOG.info(() -> name + " was still registered (an earlier deployment?); replacing it");
      try {
        server.unregisterMBean(name);
      } catch (InstanceNotFoundException gone) {
        // Unregistered meanwhile by the other side: fine, the name is free now.
      }
      server.registerMBean(bean, name);
    }
    registered.add(name);
  }

  /** Unregisters every bean this registered; one failing does not keep the others. */
  synchronized void unregisterAll() {
    for (var name : registered) {
      try {
        if (server.isRegistered(name)) {
          server.unregisterMBean(name);
        }
      } catch (JMException | RuntimeException e) {
        LOG.log(Level.WARNING, "could not unregister " + name, e);
      }
    }
    registered.clear();
  }

  synchronized List<ObjectName> registered() {
    return List.copyOf(registered);
  }
}
