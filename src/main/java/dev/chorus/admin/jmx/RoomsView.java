package dev.chorus.admin.jmx;

import dev.chorus.im.room.RoomOccupancy;
import dev.chorus.signaling.media.RoomMediaService;
import dev.chorus.signaling.media.RoomMediaStats;
import java.util.function.UnaryOperator;

/** {@link RoomsMXBean} reading occupancy and the rooms' media on every call. */
final class RoomsView implements RoomsMXBean {
  private final RoomOccupancy occupancy;
  private final RoomMediaService media;
  private final UnaryOperator<String> closer;

  /** {@code closer} closes the room of an id and answers its name. */
  RoomsView(RoomOccupancy occupancy, RoomMediaService media, UnaryOperator<String> closer) {
    this.occupancy = occupancy;
    this.media = media;
    this.closer = closer;
  }

  @Override
  public String closeRoom(String roomId) {
    if (roomId == null || roomId.isBlank()) {
      throw new IllegalArgumentException("a room id is required");
    }
    return closer.apply(roomId.strip());
  }

  @Override
  public int getActiveRooms() {
    return occupancy.activeRoomCount();
  }

  @Override
  public int getOccupants() {
    return occupancy.occupantCount();
  }

  @Override
  public int getRoomsWithMedia() {
    return media.roomCount();
  }

  @Override
  public int getProducers() {
    return media.stats().stream().mapToInt(r -> r.producers().size()).sum();
  }

  @Override
  public int getConsumers() {
    return media.stats().stream().mapToInt(RoomsView::consumers).sum();
  }

  private static int consumers(RoomMediaStats room) {
    return room.consumers().size();
  }
}
