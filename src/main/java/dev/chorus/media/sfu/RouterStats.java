package dev.chorus.media.sfu;

import java.util.List;

/**
 * A room's media at one moment, for the admin API: every producer's and consumer's counters, the
 * last bandwidth estimates per transport, and the dominant speaker. Gathered without touching the
 * packet paths (their counters are read lock-free).
 *
 * @param dominantSpeaker the producer id of the dominant speaker, or null
 */
public record RouterStats(
    String id,
    List<TransportEstimate> transports,
    List<ProducerStats> producers,
    List<ConsumerStats> consumers,
    String dominantSpeaker) {

  /**
   * @param uplinkRemb the last REMB sent to the browser for what it publishes, bits/s, or -1
   * @param downlinkRemb the last REMB the browser sent for what it receives, bits/s, or -1
   * @param unknownSsrcPackets RTP packets whose SSRC matched no producer
   */
  public record TransportEstimate(
      String id, long uplinkRemb, long downlinkRemb, long unknownSsrcPackets) {}

  static RouterStats collect(
      String id,
      List<RouterTransport> transports,
      List<Producer> producers,
      List<Consumer> consumers,
      Producer dominant) {
    return new RouterStats(
        id,
        transports.stream()
            .map(
                t ->
                    new TransportEstimate(
                        t.id(), t.uplinkEstimate(), t.downlinkEstimate(), t.unknownSsrc.sum()))
            .toList(),
        producers.stream().map(Producer::stats).toList(),
        consumers.stream().map(Consumer::stats).toList(),
        dominant == null ? null : dominant.id());
  }

  public RouterStats {
    transports = List.copyOf(transports);
    producers = List.copyOf(producers);
    consumers = List.copyOf(consumers);
  }
}
