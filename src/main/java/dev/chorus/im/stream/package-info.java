/**
 * Streams into and out of rooms that are not browser tabs: the credentials a WHIP encoder or a WHEP
 * player presents (stream keys, published and viewed per room). A room's owner creates keys; the
 * secret is shown once and only its hash is stored; revocation is announced as {@link
 * dev.chorus.im.stream.StreamKeyRevoked} once it committed.
 *
 * <p>Depends on {@code im.account}, {@code im.audit}, {@code im.common}, {@code im.room}, JPA, CDI
 * and MicroProfile Config; knows nothing of the HTTP edge ({@code dev.chorus.streams}) that checks
 * these credentials.
 */
package dev.chorus.im.stream;
