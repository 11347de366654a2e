/**
 * Audit log: every admin action and security event (who, what, when, from where), stored after the
 * action's transaction commits, readable with filters, purged after a configurable time.
 *
 * <p>Depends on {@code im.account}, {@code im.room} (to record kicks and bans), {@code im.common},
 * JPA, CDI and MicroProfile Config.
 */
package dev.chorus.im.audit;
