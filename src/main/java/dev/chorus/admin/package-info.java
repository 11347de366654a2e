/**
 * Operating Chorus: health checks (MicroProfile Health), and later admin REST and metrics.
 *
 * <p>May depend on {@code im} and {@code media} read-only views; not on {@code api} internals.
 */
package dev.chorus.admin;
