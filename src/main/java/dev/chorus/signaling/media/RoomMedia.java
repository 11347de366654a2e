package dev.chorus.signaling.media;

import dev.chorus.media.ice.IceCandidate;
import dev.chorus.media.sfu.Consumer;
import dev.chorus.media.sfu.Router;
import dev.chorus.media.sfu.RouterOptions;
import dev.chorus.media.sfu.transport.MediaEngine;
import dev.chorus.media.sfu.transport.TransportState;
import dev.chorus.media.sfu.transport.WebRtcTransport;
import dev.chorus.signaling.sdp.SessionDescription;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The media of one room: its {@link Router}, and per tab a {@link Publisher} (send transport) and a
 * {@link Subscriber} (receive transport), kept in {@link RoomParticipants}. Every publisher's
 * producers are consumed by the subscribers of every other user; the subscribers' offers follow as
 * producers come and go. A room has at most {@link RoomMediaLimits#publishers} tabs sending and
 * {@link RoomMediaLimits#subscribers} receiving; beyond that a tab is refused with {@code
 * media_limit}.
 *
 * <p>Threads and locks: socket handlers, room events, transport state changes and the router's
 * listener calls all take this object's lock to read or change the participants. Lock order: {@link
 * RoomMediaService}'s lock is never held while calling in here; this lock is held only around the
 * router's bookkeeping (attach, produce, consume, closing producers) and setting a transport's
 * remote side, whose own locks are leaves that calls nobody (its reports come later on its
 * executor). Nothing is sent, no transport is created or closed, no key frame requested and no
 * other component called (the room's occupancy, the service) under this lock: each call collects
 * those in an {@link Outbox} and runs it after releasing the lock. A socket's send may wait for the
 * socket; once a thread holding this lock waited for one, held by a thread waiting for this lock,
 * and the room was wedged for good.
 */
final class RoomMedia {
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
  final RoomMediaLimits limits;
  private final Router router;
  final java.util.function.Consumer<JsonObject> toRoom;
  private final java.util.function.Consumer<RoomMedia> onEmpty;
  final RoomParticipants parts;
  private final RoomPlayback playback = new RoomPlayback(this);

  /** Written under the lock; read without it by the service (a volatile read calls nobody). */
  volatile boolean closed;

  /**
   * @param notifications runs the router's listener calls
   * @param toRoom sends a message to every tab in the room (called without this object's lock)
   * @param onEmpty told (without this object's lock) when no tab may have a transport any more
   */
  RoomMedia(
      String roomId,
      MediaEngine engine,
      RoomMediaLimits limits,
      Executor notifications,
      java.util.function.Consumer<JsonObject> toRoom,
      java.util.function.Consumer<RoomMedia> onEmpty) {
    this.roomId = roomId;
    this.engine = engine;
    this.limits = limits;
    this.toRoom = toRoom;
    this.onEmpty = onEmpty;
    this.router =
        new Router(roomId, RouterOptions.defaults(), notifications, new RoomMediaReports(this));
    this.parts = new RoomParticipants(roomId, router);
  }

  String roomId() {
    return roomId;
  }

  Router router() {
    return router;
  }

  /**
   * Publishes (or renegotiates) the tab's send transport; returns the SDP answer. A new transport
   * (first publish, or a new peer connection) is made before taking the lock.
   */
  String publish(Tab tab, SessionDescription sdp, Map<String, String> sources) throws MediaRefused {
    var offer = PublishOffer.of(sdp);
    boolean renegotiating;
    synchronized (this) {
      checkOpen();
      renegotiating = RoomParticipants.renegotiates(parts.publishers.get(tab.id()), offer);
      if (!renegotiating) {
        parts.admitPublisher(tab.id(), limits.publishers());
      }
    }
    var fresh = renegotiating ? null : newTransport(tab, "send");
    var out = new Outbox();
    try {
      synchronized (this) {
        if (closed && fresh != null) {
          out.later(fresh::close);
        }
        checkOpen();
        return parts.publish(tab, offer, sources, fresh, limits.publishers(), out);
      }
    } finally {
      out.run();
    }
  }

  /**
   * Opens (or replaces) the tab's receive transport; returns its id. No offer goes out for it until
   * {@link #sendOffers}, so that the page learns the transport id first. Asked again before the
   * page answered any offer, it keeps the transport and starts its offers over: a repeat costs no
   * transport.
   */
  String subscribe(Tab tab) throws MediaRefused {
    synchronized (this) {
      checkOpen();
      var current = parts.subscribers.get(tab.id());
      if (current != null
          && current.awaitsFirstAnswer()
          && !current.transport().state().isTerminal()) {
        current.restartOffers();
        return current.transport().id();
      }
      parts.admitSubscriber(tab.id(), limits.subscribers());
    }
    var fresh = newTransport(tab, "recv");
    var out = new Outbox();
    try {
      synchronized (this) {
        if (closed) {
          out.later(fresh::close);
        }
        checkOpen();
        return parts.subscribe(tab, fresh, limits.subscribers(), out);
      }
    } finally {
      out.run();
    }
  }

  /** The page was told its receive transport's id: its offers may go out (and any due now do). */
  void sendOffers(Tab tab) {
    var out = new Outbox();
    synchronized (this) {
      if (!closed) {
        var subscriber = parts.subscribers.get(tab.id());
        if (subscriber != null) {
          subscriber.release();
        }
        parts.flushOffers(out);
      }
    }
    out.run();
  }

  /** The tab's answer to offer {@code version} of its receive transport. */
  void answer(Tab tab, SessionDescription answer, long version) throws MediaRefused {
    var remote = TransportLines.Remote.of(answer);
    // An answer that rejects every section (e.g. none of its codecs decodable) has no transport.
    if (remote.isEmpty() && answer.media().stream().anyMatch(m -> !m.isRejected())) {
      throw new MediaRefused("bad_sdp", "The answer has no ICE credentials or DTLS fingerprint.");
    }
    var out = new Outbox();
    try {
      synchronized (this) {
        checkOpen();
        var subscriber = parts.subscribers.get(tab.id());
        if (subscriber == null) {
          throw new MediaRefused("not_subscribed", "Send room.media.subscribe first.");
        }
        if (version != subscriber.outstanding()) {
          throw new MediaRefused("stale_answer", "That offer is not the one awaiting an answer.");
        }
        if (remote.isPresent()) {
          subscriber.applyRemote(remote.get());
        }
        subscriber.answered(version);
        for (var refusal : subscriber.refusals(answer, version, out)) {
          out.send(tab, RoomMediaWire.unplayable(roomId, refusal));
        }
        subscriber.resumeReady(out);
        parts.flushOffers(out);
      }
    } finally {
      out.run();
    }
  }

  /** A trickled candidate of the tab's send or receive peer connection. */
  void candidate(Tab tab, boolean send, IceCandidate candidate) throws MediaRefused {
    WebRtcTransport transport;
    synchronized (this) {
      checkOpen();
      transport =
          parts
              .transport(tab.id(), send)
              .orElseThrow(
                  () -> new MediaRefused("not_in_session", "No such transport for this tab."));
    }
    transport.addRemoteCandidate(candidate);
  }

  /**
   * The highest simulcast layer the tab wants for the video of section {@code mid} of its receive
   * transport (-1: the best the bandwidth allows), e.g. the low layer for a small tile.
   */
  void preferLayer(Tab tab, String mid, int layer) throws MediaRefused {
    Consumer consumer;
    synchronized (this) {
      checkOpen();
      var subscriber = parts.subscribers.get(tab.id());
      consumer = subscriber == null ? null : subscriber.consumerAt(mid).orElse(null);
    }
    if (consumer == null) {
      throw new MediaRefused("not_in_session", "No such section on this tab's receive transport.");
    }
    consumer.setPreferredLayer(layer);
  }

  /**
   * A WHEP player of stream {@code streamId} (a publisher's camera group or a WHIP stream); returns
   * the SDP answer (see {@link RoomPlayback}).
   */
  String play(Tab tab, PlayOffer offer, String streamId) throws MediaRefused {
    return playback.play(tab, offer, streamId);
  }

  /** What is published here, one entry per stream (a publisher's source group). */
  List<StreamInfo> streams() {
    return playback.streams();
  }

  /** The tab's microphone and camera mute state, told to the room. */
  void mute(Tab tab, boolean audio, boolean video) throws MediaRefused {
    boolean changed;
    synchronized (this) {
      checkOpen();
      var publisher = parts.publishers.get(tab.id());
      if (publisher == null) {
        throw new MediaRefused("not_publishing", "Publish first.");
      }
      changed = publisher.setMuted(audio, video);
    }
    if (changed) {
      toRoom.accept(RoomMediaWire.muted(roomId, tab.user(), audio, video));
    }
  }

  /** Whether the party's one transport (send for WHIP, receive otherwise) is connected. */
  synchronized boolean isConnected(Tab party) {
    return parts
        .transport(party.id(), party.kind() == Tab.Kind.WHIP)
        .map(t -> t.state() == TransportState.CONNECTED)
        .orElse(false);
  }

  /** Whether the tab has a send (or receive) transport here. */
  synchronized boolean hasTransport(String tabId, boolean send) {
    return parts.transport(tabId, send).isPresent();
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

  /**
   * Closes everything of socket tabs no longer in the room (WHIP and WHEP parties end by their own
   * sessions). {@code tabInRoom} asks another component, so it is asked without this object's lock.
   */
  void keepOnly(Predicate<String> tabInRoom) {
    Set<String> tabs;
    synchronized (this) {
      tabs = parts.socketTabIds();
    }
    tabs.removeIf(tabInRoom);
    if (!tabs.isEmpty()) {
      closeWhere(tab -> tabs.contains(tab.id()), true);
    }
  }

  private void closeWhere(Predicate<Tab> which, boolean receiving) {
    var out = new Outbox();
    synchronized (this) {
      if (closed) {
        return;
      }
      parts.closeWhere(which, receiving, out);
      parts.flushOffers(out);
      reportIfEmpty(out);
    }
    out.run();
  }

  synchronized boolean isEmpty() {
    return parts.isEmpty();
  }

  boolean isClosed() {
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

  /** The room's counters for the admin API: the router's, read without this object's lock. */
  RoomMediaStats stats() {
    RoomMediaStats.Holdings holdings;
    synchronized (this) {
      holdings =
          RoomMediaStats.Holdings.of(
              parts.publishers.values(), parts.subscribers.values(), parts.tracks);
    }
    return RoomMediaStats.of(roomId, holdings, router.stats());
  }

  // ---- transports ----

  /** Called without this object's lock: the engine may refuse (media_unavailable) or be slow. */
  WebRtcTransport newTransport(Tab tab, String direction) throws MediaRefused {
    try {
      // The user owns it: one user's stalled DTLS handshakes cannot hold everyone's handshake
      // slots.
      return engine.createTransport(
          (t, state, reason) -> onTransportState(tab, t, direction, state), tab.user().id());
    } catch (IOException | IllegalStateException e) {
      LOG.log(Level.WARNING, "could not create a transport", e);
      throw new MediaRefused("media_unavailable", "The media server could not open a transport.");
    }
  }

  /** On the engine's scheduler: resume consumers once connected; clean up after an end. */
  private void onTransportState(
      Tab tab, WebRtcTransport transport, String direction, TransportState state) {
    var out = new Outbox();
    synchronized (this) {
      if (closed) {
        // The room's media closed (emptied or deleted): the party still hears its transport end.
        if (state.isTerminal()) {
          out.later(() -> tab.transportEnded(direction, state));
        }
      } else {
        parts.transportState(tab, transport, state, out);
        if (state.isTerminal()) {
          reportIfEmpty(out);
          out.later(() -> tab.transportEnded(direction, state));
        }
        if (state != TransportState.CONNECTING && tab.kind() == Tab.Kind.SOCKET) {
          out.send(tab, RoomMediaWire.state(roomId, transport.id(), direction, state));
        }
      }
    }
    out.run();
  }

  /** Under the lock: if no tab has a transport, the service hears of it after the lock. */
  void reportIfEmpty(Outbox out) {
    if (!closed && parts.isEmpty()) {
      out.later(() -> onEmpty.accept(this));
    }
  }

  void checkOpen() {
    if (closed) {
      throw new Gone();
    }
  }
}
