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

  static RoomMediaStats of(
      RoomMedia room,
      RouterStats stats,
      Collection<Publisher> publishers,
      Collection<Subscriber> subscribers,
      Map<String, TrackInfo> tracks) {
    var tabs = new java.util.LinkedHashMap<String, Participant>();
    for (var p : publishers) {
      tabs.put(
          p.tab().id(),
          new Participant(
              p.tab().user().username(), p.transport().id(), null, p.audioMuted(), p.videoMuted()));
    }
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
    }
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
    var slots = new HashMap<String, String[]>(); // consumer id -> subscriber, mid
    for (var s : subscribers) {
      for (var slot : s.slots()) {
        if (slot.consumer != null) {
          slots.put(slot.consumer.id(), new String[] {s.tab().user().username(), slot.mid});
        }
      }
    }
    var consumers = new ArrayList<ConsumerView>();
    for (var c : stats.consumers()) {
      var where = slots.get(c.id());
      var t = tracks.get(c.producerId());
      consumers.add(
          new ConsumerView(
              where == null ? null : where[0],
              where == null ? null : where[1],
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
        room.roomId(),
        speaker,
        List.copyOf(tabs.values()),
        producers,
        consumers,
        stats.transports());
  }
}
