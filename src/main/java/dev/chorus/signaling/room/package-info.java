/**
 * Rooms on the socket: entering and leaving, the show list, group chat, and pushing what happens in
 * a room (joins, leaves, shows, messages, moderation) to exactly the tabs in it.
 *
 * <p>Depends on {@code signaling}, {@code wire} and {@code im}.
 */
package dev.chorus.signaling.room;
