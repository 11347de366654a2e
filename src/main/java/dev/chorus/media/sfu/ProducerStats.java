package dev.chorus.media.sfu;

import java.util.List;

/**
 * A producer's counters at one moment, for the admin API. Read without locks from counters the
 * packet threads keep; each value is atomic, the set is not.
 *
 * @param keyframeRequestsSent PLIs sent to the publisher for this producer
 * @param keyframeRequestsThrottled requests not sent because one had just gone out (the pending key
 *     frame serves them)
 * @param nacksSent packets the router asked the publisher to resend (uplink loss)
 * @param unknownPayloadType packets dropped for a payload type the SDP did not negotiate
 */
public record ProducerStats(
    String id,
    MediaKind kind,
    int consumers,
    long keyframeRequestsSent,
    long keyframeRequestsThrottled,
    long nacksSent,
    long unknownPayloadType,
    List<Layer> layers) {

  /**
   * One received stream (a simulcast layer, or the only encoding).
   *
   * @param packets media packets received (RTX retransmissions included, unwrapped)
   * @param bytes their bytes, decrypted, headers included
   * @param bitrate bits/s over the last second
   * @param packetsLost RFC 3550 cumulative loss as of the last receiver report
   * @param fractionLost loss in the last report interval, in 1/256
   * @param jitter interarrival jitter, timestamp units
   * @param keyframes key frames seen (VP8, H.264)
   * @param retransmissionsReceived RTX packets received from the publisher
   * @param active whether the publisher sent this layer in the last second
   */
  public record Layer(
      int layer,
      String rid,
      long ssrc,
      long rtxSsrc,
      long packets,
      long bytes,
      long bitrate,
      long packetsLost,
      int fractionLost,
      long jitter,
      long keyframes,
      long retransmissionsReceived,
      boolean active) {}

  public ProducerStats {
    layers = List.copyOf(layers);
  }
}
