package dev.chorus.signaling.media;

import dev.chorus.media.sfu.ConsumerStats;
import dev.chorus.media.sfu.ProducerStats;
import dev.chorus.media.sfu.RouterStats;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One room's media for the admin API: who has which transport, and every producer's and consumer's
 * counters (bitrate, packets, loss, NACKs, PLIs, layer) from {@link RouterStats}.
 *
 * @param dominantSpeaker the username of the dominant speaker, or null
 */
public record RoomMediaStats(
    String roomId,
    String dominantSpeaker,
    List<Participant> participants,
    List<ProducerView> producers,
    List<ConsumerView> consumers,
    List<RouterStats.TransportEstimate> transports) {

  /** One tab with media: its send and receive transport ids (null if none). */
  public record Participant(
      String username,
      String sendTransport,
      String recvTransport,
      boolean audioMuted,
      boolean videoMuted) {}

  /** A published track. */
  public record ProducerView(String username, String source, String mid, ProducerStats stats) {}

  /** A forwarded copy of a track to one subscriber. */
  public record ConsumerView(
      String subscriber, String mid, String publisher, String source, ConsumerStats stats) {}

  public RoomMediaStats {
    participants = List.copyOf(participants);
    producers = List.copyOf(producers);
    consumers = List.copyOf(consumers);
    transports = List.copyOf(transports);
  }

  /**
   * What the room's tabs hold, copied under the room's lock; the router's counters are added
   * without it ({@link #of}).
   */
  record Holdings(
      List<Participant> participants, Map<String, TrackInfo> tracks, Map<String, Seat> seats) {

    /** Where a consumer is: whose receive transport, which section. */
    record Seat(String subscriber, String mid) {}

    static Holdings of(
        Collection<Publisher> publishers,
        Collection<Subscriber> subscribers,
        Map<String, TrackInfo> tracks) {
      var tabs = new java.util.LinkedHashMap<String, Participant>();
      for (var p : publishers) {
        tabs.put(
            p.tab().id(),
            new Participant(
                p.tab().user().username(),
                p.transport().id(),
                null,
                p.audioMuted(),
                p.videoMuted()));
      }
      var seats = new HashMap<String, Seat>(); // by consumer id
      for (var s : subscribers) {
        var had = tabs.get(s.tab().id());
        tabs.put(
            s.tab().id(),
            had == null
                ? new Participant(s.tab().user().username(), null, s.transport().id(), false, false)
                : new Participant(
                    had.username(),
                    had.sendTransport(),
                    s.transport().id(),
                    had.audioMuted(),
                    had.videoMuted()));
        for (var slot : s.slots()) {
          if (slot.consumer != null) {
            seats.put(slot.consumer.id(), new Seat(s.tab().user().username(), slot.mid));
          }
        }
      }
      return new Holdings(List.copyOf(tabs.values()), Map.copyOf(tracks), seats);
    }
  }

  static RoomMediaStats of(String roomId, Holdings holdings, RouterStats stats) {
    var tracks = holdings.tracks();
    var producers = new ArrayList<ProducerView>();
    for (var p : stats.producers()) {
      var t = tracks.get(p.id());
      producers.add(
          new ProducerView(
              t == null ? null : t.user().username(),
              t == null ? null : t.source(),
              t == null ? null : t.mid(),
              p));
    }
    var consumers = new ArrayList<ConsumerView>();
    for (var c : stats.consumers()) {
      var where = holdings.seats().get(c.id());
      var t = tracks.get(c.producerId());
      consumers.add(
          new ConsumerView(
              where == null ? null : where.subscriber(),
              where == null ? null : where.mid(),
              t == null ? null : t.user().username(),
              t == null ? null : t.source(),
              c));
    }
    String speaker = null;
    if (stats.dominantSpeaker() != null) {
      var t = tracks.get(stats.dominantSpeaker());
      speaker = t == null ? null : t.user().username();
    }
    return new RoomMediaStats(
        roomId, speaker, holdings.participants(), producers, consumers, stats.transports());
  }
}
