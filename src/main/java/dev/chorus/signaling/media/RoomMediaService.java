package dev.chorus.signaling.media;

import dev.chorus.config.MediaEngineProvider;
import dev.chorus.im.room.RoomEvent;
import dev.chorus.im.room.RoomOccupancy;
import dev.chorus.im.room.RoomStage;
import dev.chorus.media.ice.IceCandidate;
import dev.chorus.signaling.Connections;
import dev.chorus.signaling.SocketClosed;
import dev.chorus.signaling.sdp.SessionDescription;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Room media for the whole application: one {@link RoomMedia} (and so one Router) per room with
 * media, made on the first publish or subscribe and closed when its last transport is gone or the
 * room is deleted. It follows the rooms: stopping showing closes that user's send transports;
 * leaving, being kicked or banned, or a tab's socket closing closes that tab's transports (the
 * close cascade in docs/media.md). Room events are observed after their transaction committed, so
 * that no transport closes for a change that then rolled back.
 *
 * <p>A tab has at most one send and one receive transport, whichever room they are in: a second one
 * in another room is refused with {@code media_limit} (in the same room a new one replaces the
 * old). Rooms cap their publishers and subscribers ({@link RoomMediaLimits}).
 *
 * <p>Locks: this object's lock guards only the map of rooms. No {@link RoomMedia} method that takes
 * the room's lock is called while holding it (a room tells {@link #onEmpty} without its own lock,
 * and then this service asks the room again without this one), and nothing is sent under it.
 */
@ApplicationScoped
public class RoomMediaService {
  private static final Logger LOG = Logger.getLogger(RoomMediaService.class.getName());
  private static final int ATTEMPTS = 3;

  @Inject MediaEngineProvider media;
  @Inject RoomOccupancy occupancy;
  @Inject Connections connections;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  @Inject
  @ConfigProperty(name = "chorus.media.max-publishers-per-room", defaultValue = "25")
  int maxPublishers;

  @Inject
  @ConfigProperty(name = "chorus.media.max-subscribers-per-room", defaultValue = "200")
  int maxSubscribers;

  /** One presenter, many viewers: the receive transports of a broadcast room. */
  @Inject
  @ConfigProperty(name = "chorus.media.max-viewers-per-broadcast", defaultValue = "500")
  int maxViewers;

  @Inject RoomStage stage;

  private final Map<String, RoomMedia> rooms = new HashMap<>();
  private RoomMediaLimits limits;
  private RoomMediaLimits broadcastLimits;

  @PostConstruct
  void init() {
    limits = new RoomMediaLimits(Math.max(1, maxPublishers), Math.max(1, maxSubscribers));
    broadcastLimits = new RoomMediaLimits(Math.max(1, maxPublishers), Math.max(1, maxViewers));
  }

  /** A call on one room's media. */
  @FunctionalInterface
  interface RoomCall<T> {
    T apply(RoomMedia room) throws MediaRefused;
  }

  String publish(String roomId, Tab tab, SessionDescription offer, Map<String, String> sources)
      throws MediaRefused {
    refuseIfElsewhere(roomId, tab, true);
    return withRoom(roomId, room -> room.publish(tab, offer, sources));
  }

  String subscribe(String roomId, Tab tab) throws MediaRefused {
    refuseIfElsewhere(roomId, tab, false);
    return withRoom(roomId, room -> room.subscribe(tab));
  }

  /**
   * Publishes a WHIP party's offer (its one send transport; no other room to check: a party lives
   * in one room). Returns the SDP answer.
   */
  String publishParty(String roomId, Tab party, SessionDescription offer) throws MediaRefused {
    var checked = PublishOffer.of(offer); // refused before a router is made for nothing
    return withRoom(roomId, room -> room.publish(party, checked.sdp(), Map.of()));
  }

  /** A WHEP party plays stream {@code streamId}; returns the SDP answer. */
  String play(String roomId, Tab party, SessionDescription offer, String streamId)
      throws MediaRefused {
    var checked = PlayOffer.of(offer);
    var room = existing(roomId).filter(r -> !r.isClosed()).orElse(null);
    if (room == null) {
      throw new MediaRefused("no_such_stream", "Nobody publishes stream " + streamId + " here.");
    }
    try {
      return room.play(party, checked, streamId);
    } catch (RoomMedia.Gone e) {
      throw new MediaRefused("no_such_stream", "Nobody publishes stream " + streamId + " here.");
    }
  }

  /** What is published in the room now. */
  List<StreamInfo> streams(String roomId) {
    var room = existing(roomId).orElse(null);
    return room == null || room.isClosed() ? List.of() : room.streams();
  }

  /** Closes a WHIP or WHEP party's transport. */
  void closeParty(String roomId, String partyId) {
    closeTab(roomId, partyId);
  }

  /** A trickled candidate of a party's one transport; false if it has none here. */
  boolean partyCandidate(String roomId, Tab party, IceCandidate candidate) {
    var room = existing(roomId).orElse(null);
    if (room == null || room.isClosed()) {
      return false;
    }
    try {
      room.candidate(party, party.kind() == Tab.Kind.WHIP, candidate);
      return true;
    } catch (MediaRefused | RoomMedia.Gone e) {
      return false;
    }
  }

  /** Whether the party's transport is connected (ICE and DTLS done). */
  boolean partyConnected(String roomId, Tab party) {
    var room = existing(roomId).orElse(null);
    return room != null && !room.isClosed() && room.isConnected(party);
  }

  /** One send and one receive transport per tab: none of that direction in another room. */
  private void refuseIfElsewhere(String roomId, Tab tab, boolean send) throws MediaRefused {
    for (var room : snapshot()) {
      if (!room.roomId().equals(roomId) && room.hasTransport(tab.id(), send)) {
        throw new MediaRefused(
            "media_limit",
            "This tab already "
                + (send ? "sends" : "receives")
                + " media in another room; a tab has one send and one receive transport"
                + " (room.media.close there first).");
      }
    }
  }

  /** After a subscribe's reply: the tab's offers may go out; sends those due. */
  void sendOffers(String roomId, Tab tab) {
    existing(roomId).ifPresent(room -> room.sendOffers(tab));
  }

  void answer(String roomId, Tab tab, SessionDescription answer, long version) throws MediaRefused {
    existingOrRefuse(roomId).answer(tab, answer, version);
  }

  void candidate(String roomId, Tab tab, boolean send, IceCandidate candidate) throws MediaRefused {
    existingOrRefuse(roomId).candidate(tab, send, candidate);
  }

  void preferLayer(String roomId, Tab tab, String mid, int layer) throws MediaRefused {
    existingOrRefuse(roomId).preferLayer(tab, mid, layer);
  }

  void mute(String roomId, Tab tab, boolean audio, boolean video) throws MediaRefused {
    existingOrRefuse(roomId).mute(tab, audio, video);
  }

  void closeTab(String roomId, String tabId) {
    existing(roomId).ifPresent(room -> room.closeTab(tabId));
  }

  /** Every room with media, for the admin API. */
  public List<RoomMediaStats> stats() {
    var out = new ArrayList<RoomMediaStats>();
    for (var room : snapshot()) {
      try {
        out.add(room.stats());
      } catch (RuntimeException e) {
        // One room's failure (e.g. closing right now) must not hide the others.
        LOG.log(Level.WARNING, "no media stats for room " + room.roomId(), e);
      }
    }
    return out;
  }

  /** How many rooms have a router now. */
  public synchronized int roomCount() {
    return rooms.size();
  }

  void on(@Observes(during = TransactionPhase.AFTER_SUCCESS) RoomEvent event) {
    try {
      var room = existing(event.roomId());
      if (room.isEmpty()) {
        return;
      }
      var media = room.get();
      if (event instanceof RoomEvent.RoomClosed) {
        synchronized (this) {
          rooms.remove(event.roomId(), media);
        }
        media.close();
        return;
      }
      if (event instanceof RoomEvent.ShowChanged e && !e.showing()) {
        media.unpublishUser(e.user().id());
      } else if (event instanceof RoomEvent.OccupantLeft e) {
        media.closeUser(e.user().id());
      } else if (event instanceof RoomEvent.MemberRemoved e) {
        media.closeUser(e.user().id());
      }
      // A tab that left while another tab of the same user stays is not an event of its own.
      media.keepOnly(tab -> occupancy.isTabIn(event.roomId(), tab));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "room media could not follow " + event, e);
    }
  }

  /** A tab's socket closed: closes its transports (the room's lock is taken per room, in turn). */
  void onSocketClosed(@Observes SocketClosed event) {
    var tab = event.connection().id();
    for (var room : snapshot()) {
      room.closeTab(tab);
    }
  }

  private <T> T withRoom(String roomId, RoomCall<T> call) throws MediaRefused {
    for (int attempt = 1; ; attempt++) {
      var room = open(roomId);
      try {
        return call.apply(room);
      } catch (RoomMedia.Gone e) {
        if (attempt == ATTEMPTS) {
          throw new MediaRefused("media_unavailable", "The room's media is restarting; retry.");
        }
      }
    }
  }

  /** The room's media, made (outside the lock: it makes a router) if it has none open. */
  private RoomMedia open(String roomId) throws MediaRefused {
    var engine =
        media
            .engine()
            .orElseThrow(
                () -> new MediaRefused("media_unavailable", "The media server is not running."));
    synchronized (this) {
      var room = rooms.get(roomId);
      if (room != null && !room.isClosed()) {
        return room;
      }
    }
    // A broadcast room's media is made with the viewers' cap (kept until its media closes).
    var capped = stage.isBroadcast(roomId) ? broadcastLimits : limits;
    var fresh =
        new RoomMedia(roomId, engine, capped, executor, m -> toRoom(roomId, m), this::onEmpty);
    RoomMedia winner;
    synchronized (this) {
      winner = rooms.get(roomId);
      if (winner == null || winner.isClosed()) {
        rooms.put(roomId, fresh);
        return fresh;
      }
    }
    fresh.close(); // another request made one first
    return winner;
  }

  private synchronized Optional<RoomMedia> existing(String roomId) {
    return Optional.ofNullable(rooms.get(roomId));
  }

  private RoomMedia existingOrRefuse(String roomId) throws MediaRefused {
    var room = existing(roomId).orElse(null);
    if (room == null || room.isClosed()) {
      throw new MediaRefused("not_in_session", "This tab has no media in that room.");
    }
    return room;
  }

  private synchronized List<RoomMedia> snapshot() {
    return List.copyOf(rooms.values());
  }

  /** A room may have emptied: closes it if so (a request racing with that finds it closed). */
  private void onEmpty(RoomMedia room) {
    synchronized (this) {
      if (rooms.get(room.roomId()) != room) {
        return;
      }
    }
    if (room.closeIfEmpty()) {
      synchronized (this) {
        rooms.remove(room.roomId(), room);
      }
    }
  }

  private void toRoom(String roomId, JsonObject message) {
    connections.toTabs(occupancy.tabs(roomId), message);
  }
}
