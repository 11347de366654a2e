package dev.chorus.signaling.media;

import dev.chorus.media.sfu.CloseReason;
import dev.chorus.media.sfu.Consumer;
import dev.chorus.media.sfu.MediaEngine;
import dev.chorus.media.sfu.Producer;
import dev.chorus.media.sfu.Router;
import dev.chorus.media.sfu.RouterListener;
import dev.chorus.media.sfu.RouterOptions;
import dev.chorus.media.sfu.RouterTransport;
import dev.chorus.media.sfu.TransportState;
import dev.chorus.media.sfu.WebRtcTransport;
import dev.chorus.signaling.sdp.SessionDescription;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The media of one room: its {@link Router}, and per tab a {@link Publisher} (send transport) and a
 * {@link Subscriber} (receive transport). Every publisher's producers are consumed by the
 * subscribers of every other user; the subscribers' offers follow as producers come and go.
 *
 * <p>Threads: every method takes this object's lock, socket handlers, room events, transport state
 * changes and the router's listener calls alike; none calls out to the {@link RoomMediaService}
 * while holding it ({@code onEmpty} runs after the lock is released). What the router reports about
 * objects this class closed itself has already been applied and finds nothing to do.
 */
final class RoomMedia implements RouterListener {
  private static final Logger LOG = Logger.getLogger(RoomMedia.class.getName());

  /** This room's media was closed (room emptied or deleted); the caller may start over. */
  static final class Gone extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Gone() {
      super(null, null, false, false);
    }
  }

  private final String roomId;
  private final MediaEngine engine;
  private final Router router;
  private final java.util.function.Consumer<JsonObject> toRoom;
  private final java.util.function.Consumer<RoomMedia> onEmpty;
  private final Map<String, Publisher> publishers = new LinkedHashMap<>();
  private final Map<String, Subscriber> subscribers = new LinkedHashMap<>();
  private final Map<String, TrackInfo> tracks = new HashMap<>();
  private String speakerId;
  private boolean closed;

  /**
   * @param notifications runs the router's listener calls
   * @param toRoom sends a message to every tab in the room
   * @param onEmpty told (without this object's lock) when no tab has a transport any more
   */
  RoomMedia(
      String roomId,
      MediaEngine engine,
      Executor notifications,
      java.util.function.Consumer<JsonObject> toRoom,
      java.util.function.Consumer<RoomMedia> onEmpty) {
    this.roomId = roomId;
    this.engine = engine;
    this.toRoom = toRoom;
    this.onEmpty = onEmpty;
    this.router = new Router(roomId, RouterOptions.defaults(), notifications, this);
  }

  String roomId() {
    return roomId;
  }

  Router router() {
    return router;
  }

  /** Publishes (or renegotiates) the tab's send transport; returns the SDP answer. */
  synchronized String publish(Tab tab, SessionDescription offer, Map<String, String> sources)
      throws MediaRefused {
    checkOpen();
    var remote =
        TransportLines.Remote.of(offer)
            .orElseThrow(
                () ->
                    new MediaRefused(
                        "bad_sdp", "The offer has no ICE credentials or DTLS fingerprint."));
    var plan = PublishAnswer.plan(offer);
    if (plan.stream().noneMatch(PublishAnswer.Publish.class::isInstance)) {
      throw new MediaRefused("bad_sdp", "The offer sends no Opus audio or VP8 video.");
    }
    var publisher = publishers.get(tab.id());
    if (publisher != null
        && (!publisher.remoteUfrag().equals(remote.ufrag())
            || publisher.transport().state().isTerminal())) {
      closePublisher(publisher); // a new peer connection replaces the old one
      publisher = null;
    }
    var added = new ArrayList<Producer>();
    String answer;
    if (publisher == null) {
      var transport = newTransport(tab, "send");
      publisher = new Publisher(tab, transport, router.attach(transport), remote.ufrag());
      try {
        // Producers first: the first packets carry the MID and RID the router learns SSRCs from.
        apply(publisher, plan, sources, added);
        answer = PublishAnswer.answer(offer, plan, publisher.lines(), publisher.nextOrigin());
        transport.setRemote(
            remote.ufrag(), remote.password(), remote.fingerprints(), remote.candidates());
      } catch (IllegalArgumentException | IllegalStateException e) {
        closePublisher(publisher);
        throw new MediaRefused("bad_sdp", "The offer cannot be published: " + e.getMessage());
      }
      publishers.put(tab.id(), publisher);
    } else {
      try {
        apply(publisher, plan, sources, added);
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new MediaRefused("bad_sdp", "The offer cannot be published: " + e.getMessage());
      }
      answer = PublishAnswer.answer(offer, plan, publisher.lines(), publisher.nextOrigin());
    }
    for (var producer : added) {
      offerToOthers(producer);
    }
    flushOffers();
    return answer;
  }

  /** Opens (or replaces) the tab's receive transport; returns its id. */
  synchronized String subscribe(Tab tab) throws MediaRefused {
    checkOpen();
    var old = subscribers.remove(tab.id());
    if (old != null) {
      old.close();
    }
    var transport = newTransport(tab, "recv");
    var subscriber = new Subscriber(tab, transport, router.attach(transport));
    subscribers.put(tab.id(), subscriber);
    for (var producer : router.producers()) {
      var track = tracks.get(producer.id());
      if (track != null && !track.user().id().equals(tab.user().id())) {
        consume(subscriber, producer, track);
      }
    }
    flushOffers();
    return transport.id();
  }

  /** The tab's answer to offer {@code version} of its receive transport. */
  synchronized void answer(Tab tab, SessionDescription answer, long version) throws MediaRefused {
    checkOpen();
    var subscriber = subscribers.get(tab.id());
    if (subscriber == null) {
      throw new MediaRefused("not_subscribed", "Send room.media.subscribe first.");
    }
    if (version != subscriber.outstanding()) {
      throw new MediaRefused("stale_answer", "That offer is not the one awaiting an answer.");
    }
    var remote =
        TransportLines.Remote.of(answer)
            .orElseThrow(
                () ->
                    new MediaRefused(
                        "bad_sdp", "The answer has no ICE credentials or DTLS fingerprint."));
    if (!subscriber.hasRemote()) {
      try {
        subscriber
            .transport()
            .setRemote(
                remote.ufrag(), remote.password(), remote.fingerprints(), remote.candidates());
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new MediaRefused("bad_sdp", "The answer cannot be applied: " + e.getMessage());
      }
      subscriber.setRemoteUfrag(remote.ufrag());
    } else if (!subscriber.remoteUfrag().equals(remote.ufrag())) {
      throw new MediaRefused("bad_sdp", "ICE restarts are not supported: subscribe again.");
    }
    subscriber.answered(version);
    subscriber.resumeReady();
    flushOffers();
  }

  /** A trickled candidate of the tab's send or receive peer connection. */
  synchronized void candidate(Tab tab, boolean send, dev.chorus.media.ice.IceCandidate candidate)
      throws MediaRefused {
    checkOpen();
    WebRtcTransport transport =
        send
            ? Optional.ofNullable(publishers.get(tab.id())).map(Publisher::transport).orElse(null)
            : Optional.ofNullable(subscribers.get(tab.id()))
                .map(Subscriber::transport)
                .orElse(null);
    if (transport == null) {
      throw new MediaRefused("not_in_session", "No such transport for this tab.");
    }
    transport.addRemoteCandidate(candidate);
  }

  /** The tab's microphone and camera mute state, told to the room. */
  synchronized void mute(Tab tab, boolean audio, boolean video) throws MediaRefused {
    checkOpen();
    var publisher = publishers.get(tab.id());
    if (publisher == null) {
      throw new MediaRefused("not_publishing", "Publish first.");
    }
    if (publisher.setMuted(audio, video)) {
      toRoom.accept(RoomMediaWire.muted(roomId, tab.user(), audio, video));
    }
  }

  /** Closes everything of one tab (it left, closed, or its socket dropped). */
  void closeTab(String tabId) {
    closeWhere(tab -> tab.id().equals(tabId), true);
  }

  /** Closes the send transports of one user's tabs (they stopped showing). */
  void unpublishUser(String accountId) {
    closeWhere(tab -> tab.user().id().equals(accountId), false);
  }

  /** Closes everything of one user's tabs (left, kicked, banned). */
  void closeUser(String accountId) {
    closeWhere(tab -> tab.user().id().equals(accountId), true);
  }

  /** Closes everything of tabs no longer in the room. */
  void keepOnly(Predicate<String> tabInRoom) {
    closeWhere(tab -> !tabInRoom.test(tab.id()), true);
  }

  private void closeWhere(Predicate<Tab> which, boolean receiving) {
    synchronized (this) {
      if (closed) {
        return;
      }
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
      flushOffers();
    }
    reportIfEmpty();
  }

  synchronized boolean isEmpty() {
    return publishers.isEmpty() && subscribers.isEmpty();
  }

  synchronized boolean isClosed() {
    return closed;
  }

  /**
   * Closes the router if no tab has a transport, atomically with the check, so that a request
   * racing with it either comes first (and keeps the room) or finds it {@link Gone}.
   *
   * @return true if it closed
   */
  boolean closeIfEmpty() {
    synchronized (this) {
      if (closed || !isEmpty()) {
        return false;
      }
      closed = true;
      tracks.clear();
    }
    router.close();
    return true;
  }

  /** Closes the router and with it every transport of the room. Idempotent. */
  void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      publishers.clear();
      subscribers.clear();
      tracks.clear();
    }
    router.close();
  }

  /** The room's counters for the admin API. */
  synchronized RoomMediaStats stats() {
    return RoomMediaStats.of(
        this, router.stats(), publishers.values(), subscribers.values(), tracks);
  }

  // ---- the router's reports (on the notification executor) ----

  @Override
  public void consumerClosed(Consumer consumer, CloseReason reason) {
    synchronized (this) {
      for (var s : subscribers.values()) {
        if (s.routerTransport() == consumer.transport() && s.consumerClosed(consumer)) {
          flushOffers();
        }
      }
    }
  }

  @Override
  public void producerClosed(Producer producer, CloseReason reason) {
    synchronized (this) {
      tracks.remove(producer.id());
      publishers.values().forEach(p -> p.forget(producer));
    }
  }

  @Override
  public void transportClosed(RouterTransport transport, CloseReason reason) {
    synchronized (this) {
      publishers.values().removeIf(p -> p.routerTransport() == transport);
      subscribers.values().removeIf(s -> s.routerTransport() == transport);
    }
    reportIfEmpty();
  }

  @Override
  public void dominantSpeakerChanged(Optional<Producer> speaker) {
    synchronized (this) {
      var track = speaker.map(p -> tracks.get(p.id())).orElse(null);
      if (speaker.isPresent() && track == null) {
        return; // a producer closing meanwhile; the next change will say who speaks
      }
      var id = track == null ? null : track.user().id();
      if (closed || java.util.Objects.equals(id, speakerId)) {
        return;
      }
      speakerId = id;
      toRoom.accept(RoomMediaWire.speaker(roomId, track == null ? null : track.user()));
    }
  }

  // ---- inside the lock ----

  private WebRtcTransport newTransport(Tab tab, String direction) throws MediaRefused {
    try {
      return engine.createTransport(
          (t, state, reason) -> onTransportState(tab, t, direction, state));
    } catch (IOException | IllegalStateException e) {
      LOG.log(Level.WARNING, "could not create a transport", e);
      throw new MediaRefused("media_unavailable", "The media server could not open a transport.");
    }
  }

  /** Producers for the sections that send, closing those of sections that stopped. */
  private void apply(
      Publisher publisher,
      List<PublishAnswer.Section> plan,
      Map<String, String> sources,
      List<Producer> added) {
    var keep = new java.util.HashSet<String>();
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
      tracks.put(
          producer.id(),
          new TrackInfo(
              producer.id(),
              publisher.tab().user(),
              publisher.tab().id(),
              p.mid(),
              producer.kind(),
              source,
              PublishAnswer.fmtp(p.codec()),
              publisher.streamId(source)));
      added.add(producer);
    }
    for (var mid : List.copyOf(byMid.keySet())) {
      if (!keep.contains(mid)) {
        closeProducer(byMid.remove(mid));
      }
    }
  }

  private void offerToOthers(Producer producer) {
    var track = tracks.get(producer.id());
    for (var s : subscribers.values()) {
      if (!s.tab().user().id().equals(track.user().id())) {
        consume(s, producer, track);
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
  private void closeProducer(Producer producer) {
    var consumers = producer.consumers();
    producer.close();
    tracks.remove(producer.id());
    for (var s : subscribers.values()) {
      consumers.forEach(s::consumerClosed);
    }
  }

  private void closePublisher(Publisher publisher) {
    publisher.producers().forEach(this::closeProducer);
    publishers.remove(publisher.tab().id(), publisher);
    publisher.close();
  }

  private void closeSubscriber(Subscriber subscriber) {
    subscribers.remove(subscriber.tab().id(), subscriber);
    subscriber.close();
  }

  private void flushOffers() {
    for (var s : subscribers.values()) {
      s.nextOffer()
          .ifPresent(o -> s.tab().send(RoomMediaWire.offer(roomId, s, o, t -> isMuted(t))));
    }
  }

  private boolean isMuted(TrackInfo track) {
    var publisher = publishers.get(track.tabId());
    return publisher != null && publisher.muted(track.kind());
  }

  private void onTransportState(
      Tab tab, WebRtcTransport transport, String direction, TransportState state) {
    synchronized (this) {
      if (closed) {
        return;
      }
      var subscriber = subscribers.get(tab.id());
      if (state == TransportState.CONNECTED
          && subscriber != null
          && subscriber.transport() == transport) {
        subscriber.resumeReady();
      }
      if (state.isTerminal()) {
        var publisher = publishers.get(tab.id());
        if (publisher != null && publisher.transport() == transport) {
          closePublisher(publisher);
        }
        if (subscriber != null && subscriber.transport() == transport) {
          closeSubscriber(subscriber);
        }
        flushOffers();
      }
      if (state != TransportState.CONNECTING) {
        tab.send(RoomMediaWire.state(roomId, transport.id(), direction, state));
      }
    }
    reportIfEmpty();
  }

  private void reportIfEmpty() {
    if (isEmpty() && !isClosed()) {
      onEmpty.accept(this);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new Gone();
    }
  }
}
