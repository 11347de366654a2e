package dev.chorus.signaling.media;

import dev.chorus.config.MediaEngineProvider;
import dev.chorus.im.room.RoomEvent;
import dev.chorus.im.room.RoomOccupancy;
import dev.chorus.media.ice.IceCandidate;
import dev.chorus.signaling.Connections;
import dev.chorus.signaling.SocketClosed;
import dev.chorus.signaling.sdp.SessionDescription;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Room media for the whole application: one {@link RoomMedia} (and so one Router) per room with
 * media, made on the first publish or subscribe and closed when its last transport is gone or the
 * room is deleted. It follows the rooms: stopping showing closes that user's send transports;
 * leaving, being kicked or banned, or a tab's socket closing closes that tab's transports (the
 * close cascade in docs/media.md).
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

  private final Map<String, RoomMedia> rooms = new HashMap<>();

  /** A call on one room's media. */
  @FunctionalInterface
  interface RoomCall<T> {
    T apply(RoomMedia room) throws MediaRefused;
  }

  String publish(String roomId, Tab tab, SessionDescription offer, Map<String, String> sources)
      throws MediaRefused {
    return withRoom(roomId, room -> room.publish(tab, offer, sources));
  }

  String subscribe(String roomId, Tab tab) throws MediaRefused {
    return withRoom(roomId, room -> room.subscribe(tab));
  }

  /** Sends the room's subscribers the offers that are due (after a subscribe's reply). */
  void sendOffers(String roomId) {
    existing(roomId).ifPresent(RoomMedia::sendOffers);
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
    return snapshot().stream().map(RoomMedia::stats).toList();
  }

  /** How many rooms have a router now. */
  public synchronized int roomCount() {
    return rooms.size();
  }

  void on(@Observes RoomEvent event) {
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

  private synchronized RoomMedia open(String roomId) throws MediaRefused {
    var engine =
        media
            .engine()
            .orElseThrow(
                () -> new MediaRefused("media_unavailable", "The media server is not running."));
    var room = rooms.get(roomId);
    if (room == null || room.isClosed()) {
      room = new RoomMedia(roomId, engine, executor, m -> toRoom(roomId, m), this::onEmpty);
      rooms.put(roomId, room);
    }
    return room;
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

  private synchronized void onEmpty(RoomMedia room) {
    if (rooms.get(room.roomId()) == room && room.closeIfEmpty()) {
      rooms.remove(room.roomId());
    }
  }

  private void toRoom(String roomId, JsonObject message) {
    for (var tab : occupancy.tabs(roomId)) {
      connections.byId(tab).ifPresent(c -> c.send(message));
    }
  }
}
