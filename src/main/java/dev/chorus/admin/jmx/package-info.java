/**
 * JMX: MXBeans under {@code dev.chorus:type=MediaEngine}, {@code type=Rooms} and {@code
 * type=Connections} with read-only figures and the operation {@code disconnectUser}, registered in
 * the platform MBean server when the application starts and unregistered when it stops ({@link
 * dev.chorus.admin.jmx.MBeanRegistrar} replaces any left over, so a redeploy leaves one set).
 *
 * <p>May depend on {@code javax.management}, {@code im} read-only figures, {@code signaling} (the
 * sockets), and {@code media.sfu} figures through {@code config.MediaEngineProvider}; nothing
 * depends on this package.
 */
package dev.chorus.admin.jmx;
