package dev.chorus.signaling.media;

import dev.chorus.media.sfu.Consumer;
import dev.chorus.media.sfu.Producer;
import dev.chorus.media.sfu.RouterTransport;
import dev.chorus.media.sfu.WebRtcTransport;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The tabs with media in one room and what they publish, kept consistent: every producer has its
 * {@link TrackInfo}; every subscriber consumes every producer of the other users; closing a
 * producer or transport takes its consumers out of the subscribers' next offers at once (the
 * router's later report of the same closes then finds nothing to do). Not thread-safe: {@link
 * RoomMedia} calls it under its lock.
 */
final class RoomParticipants {
  private static final Logger LOG = Logger.getLogger(RoomParticipants.class.getName());

  private final String roomId;
  final Map<String, Publisher> publishers = new LinkedHashMap<>();
  final Map<String, Subscriber> subscribers = new LinkedHashMap<>();
  final Map<String, TrackInfo> tracks = new HashMap<>();

  RoomParticipants(String roomId) {
    this.roomId = roomId;
  }

  boolean isEmpty() {
    return publishers.isEmpty() && subscribers.isEmpty();
  }

  /**
   * Producers for the plan's sections that send, closing those of sections that stopped; the new
   * ones are offered to the other users' subscribers.
   *
   * @throws IllegalArgumentException if the router refuses a producer (e.g. an SSRC in use)
   */
  void apply(Publisher publisher, List<PublishAnswer.Section> plan, Map<String, String> sources) {
    var keep = new HashSet<String>();
    var byMid = publisher.producersByMid();
    for (var section : plan) {
      if (!(section instanceof PublishAnswer.Publish p)) {
        continue;
      }
      keep.add(p.mid());
      var existing = byMid.get(p.mid());
      if (existing != null && !existing.isClosed() && existing.options().equals(p.producer())) {
        continue;
      }
      if (existing != null) {
        closeProducer(existing);
      }
      var producer = publisher.routerTransport().produce(p.producer());
      byMid.put(p.mid(), producer);
      var source = TrackInfo.source(sources.get(p.mid()), producer.kind());
      var track =
          new TrackInfo(
              producer.id(),
              publisher.tab().user(),
              publisher.tab().id(),
              p.mid(),
              producer.kind(),
              source,
              PublishAnswer.fmtp(p.codec()),
              publisher.streamId(source));
      tracks.put(producer.id(), track);
      for (var s : subscribers.values()) {
        if (!s.tab().user().id().equals(track.user().id())) {
          consume(s, producer, track);
        }
      }
    }
    for (var mid : List.copyOf(byMid.keySet())) {
      if (!keep.contains(mid)) {
        closeProducer(byMid.remove(mid));
      }
    }
  }

  /** Adds a subscriber and consumers for every producer of the other users. */
  void addSubscriber(Subscriber subscriber, List<Producer> producers) {
    subscribers.put(subscriber.tab().id(), subscriber);
    for (var producer : producers) {
      var track = tracks.get(producer.id());
      if (track != null && !track.user().id().equals(subscriber.tab().user().id())) {
        consume(subscriber, producer, track);
      }
    }
  }

  private void consume(Subscriber subscriber, Producer producer, TrackInfo track) {
    try {
      subscriber.consume(producer, track);
    } catch (IllegalStateException | IllegalArgumentException e) {
      LOG.log(Level.FINE, "not consuming " + producer + " on " + subscriber.transport(), e);
    }
  }

  /** Closes a producer and takes its consumers out of the subscribers' next offers at once. */
  void closeProducer(Producer producer) {
    var consumers = producer.consumers();
    producer.close();
    tracks.remove(producer.id());
    for (var s : subscribers.values()) {
      consumers.forEach(s::consumerClosed);
    }
  }

  void closePublisher(Publisher publisher) {
    publisher.producers().forEach(this::closeProducer);
    publishers.remove(publisher.tab().id(), publisher);
    publisher.close();
  }

  void closeSubscriber(Subscriber subscriber) {
    subscribers.remove(subscriber.tab().id(), subscriber);
    subscriber.close();
  }

  /** Closes the transports of the tabs {@code which} picks: send only, or both. */
  void closeWhere(Predicate<Tab> which, boolean receiving) {
    for (var p : List.copyOf(publishers.values())) {
      if (which.test(p.tab())) {
        closePublisher(p);
      }
    }
    if (receiving) {
      for (var s : List.copyOf(subscribers.values())) {
        if (which.test(s.tab())) {
          closeSubscriber(s);
        }
      }
    }
  }

  /** The router reported a consumer closed (on its own, e.g. its transport failed). */
  boolean consumerClosed(Consumer consumer) {
    boolean changed = false;
    for (var s : subscribers.values()) {
      if (s.routerTransport() == consumer.transport()) {
        changed |= s.consumerClosed(consumer);
      }
    }
    return changed;
  }

  void producerClosed(Producer producer) {
    tracks.remove(producer.id());
    publishers.values().forEach(p -> p.forget(producer));
  }

  void transportClosed(RouterTransport transport) {
    publishers.values().removeIf(p -> p.routerTransport() == transport);
    subscribers.values().removeIf(s -> s.routerTransport() == transport);
  }

  /** The tab's send or receive transport. */
  Optional<WebRtcTransport> transport(String tabId, boolean send) {
    return send
        ? Optional.ofNullable(publishers.get(tabId)).map(Publisher::transport)
        : Optional.ofNullable(subscribers.get(tabId)).map(Subscriber::transport);
  }

  /** Sends each subscriber its next offer, if it has one due. */
  void flushOffers() {
    for (var s : subscribers.values()) {
      s.nextOffer().ifPresent(o -> s.tab().send(RoomMediaWire.offer(roomId, s, o, this::isMuted)));
    }
  }

  private boolean isMuted(TrackInfo track) {
    var publisher = publishers.get(track.tabId());
    return publisher != null && publisher.muted(track.kind());
  }

  void clear() {
    publishers.clear();
    subscribers.clear();
    tracks.clear();
  }
}
