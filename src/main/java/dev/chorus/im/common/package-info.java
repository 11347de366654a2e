/**
 * What every {@code im} package shares: the domain's failures (each maps to one HTTP status and one
 * socket error code at the edges), the clock, and {@link dev.chorus.im.common.FailureThrottle} for
 * anything that must make guessing slow.
 *
 * <p>Depends on the JDK only.
 */
package dev.chorus.im.common;
