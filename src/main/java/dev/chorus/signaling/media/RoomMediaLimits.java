package dev.chorus.signaling.media;

/**
 * The most tabs of one room with a send transport ({@code chorus.media.max-publishers-per-room})
 * and with a receive transport ({@code chorus.media.max-subscribers-per-room}). Every subscriber
 * receives every publisher, so the forwarding work grows with their product: both are bounded.
 */
record RoomMediaLimits(int publishers, int subscribers) {
  RoomMediaLimits {
    if (publishers < 1 || subscribers < 1) {
      throw new IllegalArgumentException(
          "media limits must be at least 1: " + publishers + ", " + subscribers);
    }
  }
}
