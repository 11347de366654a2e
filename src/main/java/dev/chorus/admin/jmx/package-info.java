/**
 * JMX: MXBeans under {@code dev.chorus:type=MediaEngine}, {@code type=Rooms} and {@code
 * type=Connections} with read-only figures and the operations {@code disconnectUser} and {@code
 * closeRoom}, registered in the platform MBean server when the application starts and unregistered
 * when it stops ({@link dev.chorus.admin.jmx.MBeanRegistrar} replaces any left over, so a redeploy
 * leaves one set).
 *
 * <p>May depend on {@code javax.management}, {@code im} read-only figures and the room
 * administration (closeRoom), {@code signaling} (the sockets), and {@code media.sfu} figures
 * through {@code config.MediaEngineProvider}; nothing depends on this package.
 */
package dev.chorus.admin.jmx;
