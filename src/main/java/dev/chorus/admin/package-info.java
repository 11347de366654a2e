/**
 * Operating Chorus: health checks (MicroProfile Health: database and media ports for readiness,
 * heartbeat and media threads for liveness), admin REST for media and sockets; metrics for
 * Prometheus in {@code admin.metrics}, JMX MXBeans in {@code admin.jmx}.
 *
 * <p>May depend on {@code im} and {@code media} read-only views; not on {@code api} internals.
 */
package dev.chorus.admin;
