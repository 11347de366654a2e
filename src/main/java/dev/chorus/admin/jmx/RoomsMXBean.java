package dev.chorus.admin.jmx;

/**
 * {@code dev.chorus:type=Rooms}: rooms in use now and their media. Closing a room is not offered
 * here yet: it needs a domain operation of its own (admin REST builds it).
 */
public interface RoomsMXBean {
  /** Rooms with at least one person in them. */
  int getActiveRooms();

  /** People in rooms, once per room they are in. */
  int getOccupants();

  /** Rooms with a media router. */
  int getRoomsWithMedia();

  /** Tracks received from publishers in every room. */
  int getProducers();

  /** Tracks forwarded to subscribers in every room. */
  int getConsumers();
}
