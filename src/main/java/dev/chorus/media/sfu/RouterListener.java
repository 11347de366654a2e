package dev.chorus.media.sfu;

import java.util.Optional;

/**
 * What a router tells the signaling layer. Calls come in order, one at a time, on the executor
 * given to the {@link Router}; each object's close is reported exactly once, consumers before the
 * producer or transport whose closing closed them.
 */
public interface RouterListener {
  RouterListener NONE = new RouterListener() {};

  /** A consumer closed: take its m-line out of the subscriber's SDP. */
  default void consumerClosed(Consumer consumer, CloseReason reason) {}

  /** A producer closed (its consumers were reported first). */
  default void producerClosed(Producer producer, CloseReason reason) {}

  /** A transport closed (its consumers and producers were reported first). */
  default void transportClosed(RouterTransport transport, CloseReason reason) {}

  /**
   * The dominant speaker changed (see {@link ActiveSpeakerDetector}); empty when the speaker's
   * producer closed and nobody else is speaking.
   */
  default void dominantSpeakerChanged(Optional<Producer> speaker) {}
}
