package dev.chorus.admin.jmx;

import dev.chorus.im.room.RoomOccupancy;
import dev.chorus.signaling.media.RoomMediaService;
import dev.chorus.signaling.media.RoomMediaStats;

/** {@link RoomsMXBean} reading occupancy and the rooms' media on every call. */
final class RoomsView implements RoomsMXBean {
  private final RoomOccupancy occupancy;
  private final RoomMediaService media;

  RoomsView(RoomOccupancy occupancy, RoomMediaService media) {
    this.occupancy = occupancy;
    this.media = media;
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
