/**
 * Operating Chorus: health checks (MicroProfile Health) and the admin REST API for rooms, live
 * connections and the server's figures (with their one-hour sampler), besides the media, socket and
 * database statistics. Resources stay thin: room rules live in {@code im.room}, sockets in {@code
 * signaling}; each admin action is recorded as an {@code im.audit.AuditEvent}.
 *
 * <p>May depend on {@code im}, {@code signaling} (connections, room media stats), {@code media}
 * read-only views, {@code api.auth} and {@code api.dto.Problem}; not on other {@code api}
 * internals.
 */
package dev.chorus.admin;
