/**
 * What every {@code im} package shares: the domain's failures (each of one {@link Failure} kind,
 * which the edges map to one HTTP status, with one machine code for REST and socket alike), {@link
 * dev.chorus.im.common.FailureThrottle} for anything that must make guessing slow, and {@link
 * dev.chorus.im.common.TokenBuckets}, the one rate limit per key.
 *
 * <p>Depends on the JDK only.
 */
package dev.chorus.im.common;
