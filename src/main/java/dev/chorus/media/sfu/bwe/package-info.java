/**
 * Bandwidth estimation and rate measurement for the SFU: {@link dev.chorus.media.sfu.bwe.RateMeter}
 * (bitrates of layers and consumers), {@link dev.chorus.media.sfu.bwe.TransportCcRecorder}
 * (transport-cc feedback to publishers), {@link dev.chorus.media.sfu.bwe.UplinkEstimate} (the REMB
 * sent to publishers, from their loss), {@link dev.chorus.media.sfu.bwe.LayerAllocator} (a
 * subscriber's REMB to the simulcast layers of its consumers, seen as {@link
 * dev.chorus.media.sfu.bwe.LayeredConsumer}s).
 *
 * <p>Pure logic, no threads. Depends on {@code media.rtp} only: not on the router ({@code
 * media.sfu}), {@code transport}, {@code stream} or {@code echo}.
 */
package dev.chorus.media.sfu.bwe;
