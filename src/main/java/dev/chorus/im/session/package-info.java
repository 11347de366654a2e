/**
 * Login sessions: bearer tokens that are random, stored only as a SHA-256 hash, expire, and can be
 * revoked; plus throttling of failed logins.
 *
 * <p>Depends on {@code im.account}, {@code im.audit} (it records logins), {@code im.common}, JPA,
 * CDI and MicroProfile Config.
 */
package dev.chorus.im.session;
