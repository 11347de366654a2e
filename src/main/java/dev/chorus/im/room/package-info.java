/**
 * Rooms: the room itself (name, topic, visibility, password), membership with roles (owner, admin,
 * member), bans and invitations, and who is in a room right now and showing. Changes are announced
 * as {@link dev.chorus.im.room.RoomEvent}s for the socket layer to push, once they committed.
 *
 * <p>Depends on {@code im.account}, {@code im.chat}, {@code im.common}, JPA and CDI.
 */
package dev.chorus.im.room;
