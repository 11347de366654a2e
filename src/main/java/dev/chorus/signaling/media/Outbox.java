package dev.chorus.signaling.media;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a {@link RoomMedia} decided under its lock and does once the lock is released: messages to
 * tabs and to the room, transports to close (closing one may send a DTLS alert), and telling the
 * service that the room may be empty. Sending or closing under the lock is what once deadlocked a
 * room: a thread holding the room's lock waited for a socket held by a thread waiting for the room.
 *
 * <p>Actions run in the order they were added, each on its own: one that fails is logged and the
 * rest still run. Not thread-safe: one per call, filled under the lock, run by the same thread.
 */
final class Outbox {
  private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

  private final List<Runnable> actions = new ArrayList<>();

  void send(Tab tab, JsonObject message) {
    actions.add(() -> tab.send(message));
  }

  /** Runs {@code action} after the lock, e.g. a transport's close or a message to the room. */
  void later(Runnable action) {
    actions.add(action);
  }

  /** Runs the actions; call without holding any lock. */
  void run() {
    for (var action : actions) {
      try {
        action.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "room media could not deliver or close", e);
      }
    }
    actions.clear();
  }
}
