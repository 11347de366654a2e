package dev.chorus.api.dto;

import dev.chorus.im.audit.AuditEntry;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;

/**
 * One audit log entry. {@code actor} is null for anonymous events (a failed login); it names the
 * account as it was then. {@code target}, {@code detail} and {@code address} may be null.
 */
@JsonbNillable
public record AuditEntryView(
    long id, Instant at, Actor actor, String action, String target, String detail, String address) {
  /** Who acted. */
  public record Actor(String id, String username, String displayName) {}

  public static AuditEntryView of(AuditEntry e) {
    var a = e.actor();
    return new AuditEntryView(
        e.id(),
        e.at(),
        a == null ? null : new Actor(a.id(), a.username(), a.displayName()),
        e.action(),
        e.target(),
        e.detail(),
        e.address());
  }
}
