package dev.chorus.im.audit;

import dev.chorus.im.account.UserRef;

/**
 * One admin action or security event; fire it with {@code
 * jakarta.enterprise.event.Event<AuditEvent>}. {@code actor} is null for anonymous events (failed
 * login of an unknown name). {@code address} = client IP or null.
 *
 * <p>{@code action} is a lower-case dotted name such as {@code user.disabled}, {@code room.closed}
 * or {@code login.failed}. {@code detail} is free text for a human and must never contain a token
 * or a password.
 */
public record AuditEvent(
    UserRef actor, String action, String target, String detail, String address) {}
