/**
 * ICE (RFC 8445) for the server side on ice4j: one UDP port and one ICE-TCP port (RFC 6544) shared
 * by every session, candidate address configuration, consent freshness.
 *
 * <p>May depend on ice4j only.
 */
package dev.chorus.media.ice;
