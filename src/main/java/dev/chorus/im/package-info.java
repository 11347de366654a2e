/**
 * The instant-messaging domain: accounts, login sessions, presence, conversations and rooms.
 *
 * <p>Services here persist with JPA and announce changes with CDI events; they know nothing of
 * {@code api}, {@code signaling} or {@code media}, which observe those events instead.
 */
package dev.chorus.im;
