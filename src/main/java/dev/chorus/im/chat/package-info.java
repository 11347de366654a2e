/**
 * Messages and conversations: direct messages between two users (rooms later), history paging, read
 * markers and unread counts, and the per-user send rate limit.
 *
 * <p>Depends on {@code im.account}, {@code im.common}, JPA and CDI.
 */
package dev.chorus.im.chat;
