/**
 * Streams into and out of rooms that are not browser tabs: the credentials a WHIP encoder or a WHEP
 * player presents (stream keys, published and viewed per room).
 *
 * <p>Depends on {@code im.common}, {@code im.room}, JPA and CDI; knows nothing of the HTTP edge
 * ({@code dev.chorus.streams}) that checks these credentials.
 */
package dev.chorus.im.stream;
