/**
 * User administration: what an administrator does to other people's accounts (create, disable,
 * enable, delete, reset a password, end sessions, grant and revoke admin), each change committed in
 * one transaction and then announced (sockets closed, rooms told) and written to the audit log.
 *
 * <p>Depends on {@code im.account} (the rules), {@code im.session}, {@code im.room}, {@code
 * im.presence}, {@code im.audit}, {@code im.common}, JPA and CDI.
 */
package dev.chorus.im.admin;
