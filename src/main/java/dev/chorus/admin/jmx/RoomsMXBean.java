package dev.chorus.admin.jmx;

/**
 * {@code dev.chorus:type=Rooms}: rooms in use now and their media, and closing a room as {@code
 * DELETE /api/admin/rooms/{id}} does.
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

  /**
   * Closes and deletes a room: everyone in it is told ({@code room.closed}, reason {@code
   * closed_by_admin}) and their media in it closed; recorded in the audit log. Returns the room's
   * name; an unknown id is an {@link IllegalArgumentException} (a JMX client has no Chorus
   * classes).
   */
  String closeRoom(String roomId);
}
