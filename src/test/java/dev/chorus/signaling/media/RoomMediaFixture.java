package dev.chorus.signaling.media;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.ice.IceConfig;
import dev.chorus.media.sfu.transport.MediaEngine;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

/**
 * A real media engine on 127.0.0.1 (ephemeral UDP port) and one {@link RoomMedia} over it, as the
 * service would make it: what it sends to the whole room is kept, and an emptied room is closed.
 */
final class RoomMediaFixture implements AutoCloseable {
  final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  final ExecutorService workers = Executors.newCachedThreadPool();
  final ExecutorService events = Executors.newSingleThreadExecutor();
  final MediaEngine engine;
  final RoomMedia room;
  final List<JsonObject> toRoom = new CopyOnWriteArrayList<>();
  final List<RoomMedia> emptied = new CopyOnWriteArrayList<>();

  RoomMediaFixture(RoomMediaLimits limits) throws IOException {
    engine =
        MediaEngine.start(
            IceConfig.of(0, 0, "127.0.0.1", null, null, Duration.ofSeconds(30)),
            scheduler,
            workers);
    room = newRoom("room-1", limits);
  }

  /** Another room on the same engine. */
  RoomMedia newRoom(String id, RoomMediaLimits limits) {
    return new RoomMedia(
        id,
        engine,
        limits,
        events,
        toRoom::add,
        r -> {
          emptied.add(r);
          r.closeIfEmpty();
        });
  }

  @Override
  public void close() {
    room.close();
    engine.close();
    scheduler.shutdownNow();
    workers.shutdownNow();
    events.shutdownNow();
  }

  static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(condition.getAsBoolean());
  }
}
