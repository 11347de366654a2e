package dev.chorus.signaling.media;

import dev.chorus.media.sfu.Consumer;
import dev.chorus.media.sfu.Producer;
import dev.chorus.media.sfu.Router;
import dev.chorus.media.sfu.RouterTransport;
import dev.chorus.media.sfu.transport.TransportState;
import dev.chorus.media.sfu.transport.WebRtcTransport;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The tabs with media in one room and what they publish, kept consistent: every producer has its
 * {@link TrackInfo}; every subscriber consumes every producer of the other users; closing a
 * producer or transport takes its consumers out of the subscribers' next offers at once (the
 * router's later report of the same closes then finds nothing to do). Not thread-safe: {@link
 * RoomMedia} calls it under its lock, so it never sends nor closes a transport itself: it puts both
 * into the caller's {@link Outbox}. Producers are closed at once (that is the router's bookkeeping,
 * under the router's own lock, which calls nobody), so that no subscriber is offered a closed
 * track.
 */
final class RoomParticipants {
  private static final Logger LOG = Logger.getLogger(RoomParticipants.class.getName());

  private final String roomId;
  private final Router router;
  final Map<String, Publisher> publishers = new LinkedHashMap<>();
  final Map<String, Subscriber> subscribers = new LinkedHashMap<>();
  final Map<String, TrackInfo> tracks = new HashMap<>();
  final Map<String, Viewer> viewers = new LinkedHashMap<>();

  RoomParticipants(String roomId, Router router) {
    this.roomId = roomId;
    this.router = router;
  }

  boolean isEmpty() {
    return publishers.isEmpty() && subscribers.isEmpty() && viewers.isEmpty();
  }

  /**
   * Publishes (or renegotiates) the tab's send transport; returns the SDP answer.
   *
   * @param fresh a new transport for a new peer connection, or null to renegotiate; closed from
   *     {@code out} unless used
   */
  String publish(
      Tab tab,
      PublishOffer offer,
      Map<String, String> sources,
      WebRtcTransport fresh,
      int maxPublishers,
      Outbox out)
      throws MediaRefused {
    boolean used = false;
    try {
      var publisher = publishers.get(tab.id());
      if (publisher != null && !renegotiates(publisher, offer)) {
        closePublisher(publisher, out); // a new peer connection replaces the old one
        publisher = null;
      }
      String answer;
      if (publisher == null) {
        if (fresh == null) {
          flushOffers(out);
          throw new MediaRefused(
              "media_unavailable", "The tab's send transport ended meanwhile; publish again.");
        }
        admitPublisher(tab.id(), maxPublishers);
        used = true;
        var remote = offer.remote();
        publisher = new Publisher(tab, fresh, router.attach(fresh), remote.ufrag());
        try {
          // Producers first: the first packets carry the MID and RID the router learns SSRCs from.
          apply(publisher, offer.plan(), sources, out);
          answer = answer(publisher, offer);
          fresh.setRemote(
              remote.ufrag(), remote.password(), remote.fingerprints(), remote.candidates());
        } catch (IllegalArgumentException | IllegalStateException e) {
          closePublisher(publisher, out);
          flushOffers(out);
          throw new MediaRefused("bad_sdp", "The offer cannot be published: " + e.getMessage());
        }
        publishers.put(tab.id(), publisher);
      } else {
        try {
          apply(publisher, offer.plan(), sources, out);
        } catch (IllegalArgumentException | IllegalStateException e) {
          flushOffers(out);
          throw new MediaRefused("bad_sdp", "The offer cannot be published: " + e.getMessage());
        }
        answer = answer(publisher, offer);
      }
      flushOffers(out);
      return answer;
    } finally {
      if (fresh != null && !used) {
        out.later(fresh::close);
      }
    }
  }

  private static String answer(Publisher publisher, PublishOffer offer) {
    return PublishAnswer.answer(
        offer.sdp(), offer.plan(), publisher.lines(), publisher.nextOrigin());
  }

  /** The same peer connection offering again: renegotiate on its transport. */
  static boolean renegotiates(Publisher publisher, PublishOffer offer) {
    return publisher != null
        && publisher.remoteUfrag().equals(offer.remote().ufrag())
        && !publisher.transport().state().isTerminal();
  }

  /**
   * Gives the tab the receive transport {@code fresh} (replacing its old one), with consumers of
   * every producer of the other users; {@code fresh} is closed from {@code out} if refused.
   */
  String subscribe(Tab tab, WebRtcTransport fresh, int maxSubscribers, Outbox out)
      throws MediaRefused {
    boolean used = false;
    try {
      admitSubscriber(tab.id(), maxSubscribers);
      var old = subscribers.get(tab.id());
      if (old != null) {
        closeSubscriber(old, out);
      }
      addSubscriber(new Subscriber(tab, fresh, router.attach(fresh)), router.producers());
      used = true;
      return fresh.id();
    } finally {
      if (!used) {
        out.later(fresh::close);
      }
    }
  }

  /** A transport of the tab changed state: resume its consumers, or take out what ended. */
  void transportState(Tab tab, WebRtcTransport transport, TransportState state, Outbox out) {
    var viewer = viewers.get(tab.id());
    if (viewer != null && viewer.transport() == transport) {
      if (state == TransportState.CONNECTED) {
        viewer.resumeAll(out);
      } else if (state.isTerminal()) {
        closeViewer(viewer, out);
      }
    }
    var subscriber = subscribers.get(tab.id());
    boolean mine = subscriber != null && subscriber.transport() == transport;
    if (state == TransportState.CONNECTED && mine) {
      subscriber.resumeReady(out);
    }
    if (state.isTerminal()) {
      var publisher = publishers.get(tab.id());
      if (publisher != null && publisher.transport() == transport) {
        closePublisher(publisher, out);
      }
      if (mine) {
        closeSubscriber(subscriber, out);
      }
      flushOffers(out);
    }
  }

  /** Refuses a publisher for a tab that has none when the room has {@code max} already. */
  void admitPublisher(String tabId, int max) throws MediaRefused {
    if (!publishers.containsKey(tabId) && publishers.size() >= max) {
      throw new MediaRefused(
          "media_limit", "This room already has " + max + " tabs sending media, the most allowed.");
    }
  }

  /** Refuses a WHEP player when the room has {@code max} receiving already (tabs and players). */
  void admitViewer(String tabId, int max) throws MediaRefused {
    if (!viewers.containsKey(tabId) && subscribers.size() + viewers.size() >= max) {
      throw new MediaRefused(
          "media_limit",
          "This room already has " + max + " tabs and players receiving media, the most allowed.");
    }
  }

  /**
   * Adds a WHEP player and binds it to its stream's producers now; false if the stream has none.
   */
  boolean addViewer(Viewer viewer, Outbox out) {
    viewers.put(viewer.tab().id(), viewer);
    boolean bound = false;
    for (var track : List.copyOf(tracks.values())) {
      if (track.streamId().equals(viewer.streamId())) {
        var producer = router.producer(track.producerId()).orElse(null);
        bound |= producer != null && bind(viewer, producer, out);
      }
    }
    return bound;
  }

  private boolean bind(Viewer viewer, Producer producer, Outbox out) {
    try {
      return viewer.bind(producer, out).isPresent();
    } catch (IllegalStateException | IllegalArgumentException e) {
      LOG.log(Level.FINE, "not playing " + producer + " on " + viewer.transport(), e);
      return false;
    }
  }

  /** Takes the player out now; its transport closes from {@code out} (ending its session). */
  void closeViewer(Viewer viewer, Outbox out) {
    viewers.remove(viewer.tab().id(), viewer);
    out.later(viewer::close);
  }

  /** Ends the players whose stream has no track left (its publisher stopped or left). */
  private void endOrphanViewers(Outbox out) {
    for (var v : List.copyOf(viewers.values())) {
      if (tracks.values().stream().noneMatch(t -> t.streamId().equals(v.streamId()))) {
        closeViewer(v, out);
      }
    }
  }

  /** Refuses a subscriber for a tab that has none when the room has {@code max} already. */
  void admitSubscriber(String tabId, int max) throws MediaRefused {
    if (!subscribers.containsKey(tabId) && subscribers.size() >= max) {
      throw new MediaRefused(
          "media_limit",
          "This room already has " + max + " tabs receiving media, the most allowed.");
    }
  }

  /**
   * Producers for the plan's sections that send, closing those of sections that stopped; the new
   * ones are offered to the other users' subscribers.
   *
   * @throws IllegalArgumentException if the router refuses a producer (e.g. an SSRC in use)
   */
  void apply(
      Publisher publisher,
      List<PublishAnswer.Section> plan,
      Map<String, String> sources,
      Outbox out) {
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
      for (var v : viewers.values()) {
        if (v.streamId().equals(track.streamId())) {
          bind(v, producer, out);
        }
      }
      for (var s : subscribers.values()) {
        if (s.tab().user().id().equals(track.user().id())) {
          continue;
        }
        var codec = Subscriber.codecFor(producer);
        if (s.refuses(codec)) {
          out.send(s.tab(), RoomMediaWire.unplayable(roomId, new Subscriber.Refusal(track, codec)));
        } else {
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
    for (var v : viewers.values()) {
      consumers.forEach(v::consumerClosed);
    }
  }

  /** Takes the publisher out now; its transport closes from {@code out}. */
  void closePublisher(Publisher publisher, Outbox out) {
    publisher.producers().forEach(this::closeProducer);
    publishers.remove(publisher.tab().id(), publisher);
    out.later(publisher::close);
    endOrphanViewers(out);
  }

  /** Takes the subscriber out now; its transport closes from {@code out}. */
  void closeSubscriber(Subscriber subscriber, Outbox out) {
    subscribers.remove(subscriber.tab().id(), subscriber);
    out.later(subscriber::close);
  }

  /** Closes the transports of the tabs {@code which} picks: send only, or both. */
  void closeWhere(Predicate<Tab> which, boolean receiving, Outbox out) {
    for (var p : List.copyOf(publishers.values())) {
      if (which.test(p.tab())) {
        closePublisher(p, out);
      }
    }
    if (receiving) {
      for (var s : List.copyOf(subscribers.values())) {
        if (which.test(s.tab())) {
          closeSubscriber(s, out);
        }
      }
      for (var v : List.copyOf(viewers.values())) {
        if (which.test(v.tab())) {
          closeViewer(v, out);
        }
      }
    }
  }

  /** The ids of the socket tabs with a transport here (not WHIP or WHEP parties). */
  Set<String> socketTabIds() {
    var ids = new HashSet<String>();
    publishers.values().stream()
        .filter(p -> p.tab().kind() == Tab.Kind.SOCKET)
        .forEach(p -> ids.add(p.tab().id()));
    subscribers.values().stream()
        .filter(s -> s.tab().kind() == Tab.Kind.SOCKET)
        .forEach(s -> ids.add(s.tab().id()));
    return ids;
  }

  /** The router reported a consumer closed (on its own, e.g. its transport failed). */
  boolean consumerClosed(Consumer consumer, Outbox out) {
    for (var v : viewers.values()) {
      if (v.routerTransport() == consumer.transport()) {
        v.consumerClosed(consumer);
      }
    }
    boolean changed = false;
    for (var s : subscribers.values()) {
      if (s.routerTransport() == consumer.transport()) {
        changed |= s.consumerClosed(consumer);
      }
    }
    return changed;
  }

  void producerClosed(Producer producer, Outbox out) {
    if (tracks.remove(producer.id()) != null) {
      endOrphanViewers(out);
    }
    publishers.values().forEach(p -> p.forget(producer));
  }

  void transportClosed(RouterTransport transport) {
    publishers.values().removeIf(p -> p.routerTransport() == transport);
    subscribers.values().removeIf(s -> s.routerTransport() == transport);
    viewers.values().removeIf(v -> v.routerTransport() == transport);
  }

  /** The tab's send or receive transport. */
  Optional<WebRtcTransport> transport(String tabId, boolean send) {
    return send
        ? Optional.ofNullable(publishers.get(tabId)).map(Publisher::transport)
        : Optional.ofNullable(subscribers.get(tabId))
            .map(Subscriber::transport)
            .or(() -> Optional.ofNullable(viewers.get(tabId)).map(Viewer::transport));
  }

  /** Puts each subscriber's next offer, if it has one due, into {@code out}. */
  void flushOffers(Outbox out) {
    for (var s : subscribers.values()) {
      s.nextOffer()
          .ifPresent(o -> out.send(s.tab(), RoomMediaWire.offer(roomId, s, o, this::isMuted)));
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
    viewers.clear();
  }
}
