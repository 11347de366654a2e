/**
 * What every {@code im} package shares: the domain's failures (each maps to one HTTP status and one
 * socket error code at the edges) and the clock.
 *
 * <p>Depends on the JDK only.
 */
package dev.chorus.im.common;
