/**
 * RTP (RFC 3550) and RTCP wire formats: parse, inspect and write packets in place.
 *
 * <p>The bottom of the media plane: depends on nothing but the JDK. Parsers never throw on
 * malformed input; they return an empty result and the caller counts it.
 */
package dev.chorus.media.rtp;
