/**
 * Who is online: in memory, per account, counting open tabs. Announces changes with {@link
 * dev.chorus.im.presence.PresenceChanged} events; the socket layer tells it when tabs connect and
 * disconnect.
 *
 * <p>Depends on {@code im.account}, CDI and Jakarta Concurrency.
 */
package dev.chorus.im.presence;
