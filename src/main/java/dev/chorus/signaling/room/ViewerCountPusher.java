package dev.chorus.signaling.room;

import dev.chorus.im.room.RoomBroadcast;
import dev.chorus.im.room.RoomOccupancy;
import dev.chorus.signaling.Connections;
import dev.chorus.signaling.Wire;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * In a broadcast room viewers come and go without a {@code room.joined} or {@code room.left} each
 * (with N viewers that would be N pushes per arrival): the room is marked, and once per interval
 * ({@code chorus.rooms.viewer-push-interval}, 2 s) every marked room gets one {@code room.viewers}
 * push with the current count.
 */
@ApplicationScoped
public class ViewerCountPusher {
  private static final Logger LOG = Logger.getLogger(ViewerCountPusher.class.getName());

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  @Inject RoomBroadcast broadcast;
  @Inject RoomOccupancy occupancy;
  @Inject Connections connections;

  @Inject
  @ConfigProperty(name = "chorus.rooms.viewer-push-interval", defaultValue = "PT2S")
  Duration interval;

  private final Set<String> changed = ConcurrentHashMap.newKeySet();
  private ScheduledFuture<?> task;

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    long ms = Math.max(100, interval.toMillis());
    task = scheduler.scheduleAtFixedRate(this::beat, ms, ms, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }

  /** The room's viewer count changed; it is pushed at the next beat. */
  void changed(String roomId) {
    changed.add(roomId);
  }

  /** Forgets a room that closed. */
  void closed(String roomId) {
    changed.remove(roomId);
  }

  void beat() {
    for (var roomId : List.copyOf(changed)) {
      changed.remove(roomId);
      try {
        push(roomId);
      } catch (RuntimeException | Error e) {
        // Error too: anything escaping a fixed-rate task cancels it for good.
        LOG.log(Level.WARNING, "viewer count of room " + roomId + " not pushed", e);
      }
    }
  }

  private void push(String roomId) {
    var tabs = occupancy.tabs(roomId);
    if (tabs.isEmpty()) {
      return;
    }
    var message =
        Wire.push("room.viewers")
            .add("roomId", roomId)
            .add("viewerCount", broadcast.viewerCount(roomId))
            .add("occupantCount", occupancy.count(roomId))
            .build();
    // A count is a state: a tab that has not been sent the last one gets this one instead.
    connections.stateToTabs(tabs, "room.viewers:" + roomId, message);
  }
}
