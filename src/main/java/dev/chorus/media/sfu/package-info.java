/**
 * The selective forwarding unit, in mediasoup's vocabulary: a Router per room, a WebRtcTransport
 * per browser connection, a Producer per incoming track and a Consumer per (producer, subscriber)
 * pair.
 *
 * <p>May depend on every other {@code media} package; nothing outside {@code media} but {@code
 * signaling} and {@code config} may depend on it.
 */
package dev.chorus.media.sfu;
