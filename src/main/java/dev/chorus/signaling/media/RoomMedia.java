package dev.chorus.signaling.media;

import dev.chorus.media.ice.IceCandidate;
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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The media of one room: its {@link Router}, and per tab a {@link Publisher} (send transport) and a
 * {@link Subscriber} (receive transport), kept in {@link RoomParticipants}. Every publisher's
 * producers are consumed by the subscribers of every other user; the subscribers' offers follow as
 * producers come and go.
 *
 * <p>Threads: every method takes this object's lock — socket handlers, room events, transport state
 * changes and the router's listener calls alike; none calls out to the {@link RoomMediaService}
 * while holding it ({@code onEmpty} runs after the lock is released).
 */
final class RoomMedia implements RouterListener {
  private static final Logger LOG = Logger.getLogger(RoomMedia.class.getName());

  /** Microphone, camera, screen and its sound: every other tab receives each, so bounded. */
  static final int MAX_TRACKS = 4;

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
  private final RoomParticipants parts;
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
    this.parts = new RoomParticipants(roomId);
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
    long sending = plan.stream().filter(PublishAnswer.Publish.class::isInstance).count();
    if (sending == 0) {
      throw new MediaRefused("bad_sdp", "The offer sends no Opus audio or VP8 video.");
    }
    if (sending > MAX_TRACKS) {
      throw new MediaRefused(
          "bad_sdp", "A tab publishes at most " + MAX_TRACKS + " tracks, not " + sending + ".");
    }
    var publisher = parts.publishers.get(tab.id());
    if (publisher != null
        && (!publisher.remoteUfrag().equals(remote.ufrag())
            || publisher.transport().state().isTerminal())) {
      parts.closePublisher(publisher); // a new peer connection replaces the old one
      publisher = null;
    }
    String answer;
    if (publisher == null) {
      var transport = newTransport(tab, "send");
      publisher = new Publisher(tab, transport, router.attach(transport), remote.ufrag());
      try {
        // Producers first: the first packets carry the MID and RID the router learns SSRCs from.
        parts.apply(publisher, plan, sources);
        answer = PublishAnswer.answer(offer, plan, publisher.lines(), publisher.nextOrigin());
        transport.setRemote(
            remote.ufrag(), remote.password(), remote.fingerprints(), remote.candidates());
      } catch (IllegalArgumentException | IllegalStateException e) {
        parts.closePublisher(publisher);
        parts.flushOffers();
        throw new MediaRefused("bad_sdp", "The offer cannot be published: " + e.getMessage());
      }
      parts.publishers.put(tab.id(), publisher);
    } else {
      try {
        parts.apply(publisher, plan, sources);
      } catch (IllegalArgumentException | IllegalStateException e) {
        parts.flushOffers();
        throw new MediaRefused("bad_sdp", "The offer cannot be published: " + e.getMessage());
      }
      answer = PublishAnswer.answer(offer, plan, publisher.lines(), publisher.nextOrigin());
    }
    parts.flushOffers();
    return answer;
  }

  /**
   * Opens (or replaces) the tab's receive transport; returns its id. Its first offer goes out with
   * {@link #sendOffers}, so that the page learns the transport id first.
   */
  synchronized String subscribe(Tab tab) throws MediaRefused {
    checkOpen();
    var old = parts.subscribers.get(tab.id());
    if (old != null) {
      parts.closeSubscriber(old);
    }
    var transport = newTransport(tab, "recv");
    parts.addSubscriber(
        new Subscriber(tab, transport, router.attach(transport)), router.producers());
    return transport.id();
  }

  /** Sends every subscriber its next offer, if one is due. */
  synchronized void sendOffers() {
    if (!closed) {
      parts.flushOffers();
    }
  }

  /** The tab's answer to offer {@code version} of its receive transport. */
  synchronized void answer(Tab tab, SessionDescription answer, long version) throws MediaRefused {
    checkOpen();
    var subscriber = parts.subscribers.get(tab.id());
    if (subscriber == null) {
      throw new MediaRefused("not_subscribed", "Send room.media.subscribe first.");
    }
    if (version != subscriber.outstanding()) {
      throw new MediaRefused("stale_answer", "That offer is not the one awaiting an answer.");
    }
    subscriber.applyRemote(
        TransportLines.Remote.of(answer)
            .orElseThrow(
                () ->
                    new MediaRefused(
                        "bad_sdp", "The answer has no ICE credentials or DTLS fingerprint.")));
    subscriber.answered(version);
    subscriber.resumeReady();
    parts.flushOffers();
  }

  /** A trickled candidate of the tab's send or receive peer connection. */
  synchronized void candidate(Tab tab, boolean send, IceCandidate candidate) throws MediaRefused {
    checkOpen();
    parts
        .transport(tab.id(), send)
        .orElseThrow(() -> new MediaRefused("not_in_session", "No such transport for this tab."))
        .addRemoteCandidate(candidate);
  }

  /**
   * The highest simulcast layer the tab wants for the video of section {@code mid} of its receive
   * transport (-1: the best the bandwidth allows), e.g. the low layer for a small tile.
   */
  synchronized void preferLayer(Tab tab, String mid, int layer) throws MediaRefused {
    checkOpen();
    var subscriber = parts.subscribers.get(tab.id());
    var consumer = subscriber == null ? null : subscriber.consumerAt(mid).orElse(null);
    if (consumer == null) {
      throw new MediaRefused("not_in_session", "No such section on this tab's receive transport.");
    }
    consumer.setPreferredLayer(layer);
  }

  /** The tab's microphone and camera mute state, told to the room. */
  synchronized void mute(Tab tab, boolean audio, boolean video) throws MediaRefused {
    checkOpen();
    var publisher = parts.publishers.get(tab.id());
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
      parts.closeWhere(which, receiving);
      parts.flushOffers();
    }
    reportIfEmpty();
  }

  synchronized boolean isEmpty() {
    return parts.isEmpty();
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
      if (closed || !parts.isEmpty()) {
        return false;
      }
      closed = true;
      parts.clear();
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
      parts.clear();
    }
    router.close();
  }

  /** The room's counters for the admin API. */
  synchronized RoomMediaStats stats() {
    return RoomMediaStats.of(
        this, router.stats(), parts.publishers.values(), parts.subscribers.values(), parts.tracks);
  }

  // ---- the router's reports (on the notification executor, in order) ----

  @Override
  public synchronized void consumerClosed(Consumer consumer, CloseReason reason) {
    if (!closed && parts.consumerClosed(consumer)) {
      parts.flushOffers();
    }
  }

  @Override
  public synchronized void producerClosed(Producer producer, CloseReason reason) {
    parts.producerClosed(producer);
  }

  @Override
  public void transportClosed(RouterTransport transport, CloseReason reason) {
    synchronized (this) {
      parts.transportClosed(transport);
    }
    reportIfEmpty();
  }

  @Override
  public synchronized void dominantSpeakerChanged(Optional<Producer> speaker) {
    var track = speaker.map(p -> parts.tracks.get(p.id())).orElse(null);
    if (closed || (speaker.isPresent() && track == null)) {
      return; // a producer closing meanwhile; the next change says who speaks
    }
    var id = track == null ? null : track.user().id();
    if (!Objects.equals(id, speakerId)) {
      speakerId = id;
      toRoom.accept(RoomMediaWire.speaker(roomId, track == null ? null : track.user()));
    }
  }

  // ---- transports ----

  private WebRtcTransport newTransport(Tab tab, String direction) throws MediaRefused {
    try {
      return engine.createTransport(
          (t, state, reason) -> onTransportState(tab, t, direction, state));
    } catch (IOException | IllegalStateException e) {
      LOG.log(Level.WARNING, "could not create a transport", e);
      throw new MediaRefused("media_unavailable", "The media server could not open a transport.");
    }
  }

  /** On the engine's scheduler: resume consumers once connected; clean up after an end. */
  private void onTransportState(
      Tab tab, WebRtcTransport transport, String direction, TransportState state) {
    synchronized (this) {
      if (closed) {
        return;
      }
      var subscriber = parts.subscribers.get(tab.id());
      boolean mine = subscriber != null && subscriber.transport() == transport;
      if (state == TransportState.CONNECTED && mine) {
        subscriber.resumeReady();
      }
      if (state.isTerminal()) {
        var publisher = parts.publishers.get(tab.id());
        if (publisher != null && publisher.transport() == transport) {
          parts.closePublisher(publisher);
        }
        if (mine) {
          parts.closeSubscriber(subscriber);
        }
        parts.flushOffers();
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
