/**
 * Operating Chorus: health checks (MicroProfile Health: database and media ports for readiness,
 * heartbeat and media threads for liveness) and the admin REST API for rooms, live connections and
 * the server's figures (with their one-hour sampler), besides the media, socket and database
 * statistics; metrics for Prometheus in {@code admin.metrics}, JMX MXBeans in {@code admin.jmx}.
 * Resources stay thin: room rules live in {@code im.room}, sockets in {@code signaling}; each admin
 * action is recorded as an {@code im.audit.AuditEvent}.
 *
 * <p>May depend on {@code im}, {@code signaling} (connections, room media stats), {@code media}
 * read-only views, {@code api.auth} and {@code api.dto.Problem}; not on other {@code api}
 * internals.
 */
package dev.chorus.admin;
