package dev.chorus.im.audit;

import dev.chorus.im.account.UserRef;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One stored line of the audit log. The actor's username and display name are copied, not joined,
 * so the entry still says who acted after that account is renamed or deleted.
 */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {
  static final int MAX_ACTION = 64;
  static final int MAX_TARGET = 200;
  static final int MAX_DETAIL = 1000;
  static final int MAX_ADDRESS = 64;

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_entry_seq")
  @SequenceGenerator(name = "audit_entry_seq", sequenceName = "audit_entry_seq", allocationSize = 1)
  private Long id;

  @Column(nullable = false)
  private Instant at;

  @Column(name = "actor_id", length = 36)
  private String actorId;

  @Column(name = "actor_username", length = 32)
  private String actorUsername;

  @Column(name = "actor_display_name", length = 64)
  private String actorDisplayName;

  @Column(nullable = false, length = MAX_ACTION)
  private String action;

  @Column(length = MAX_TARGET)
  private String target;

  @Column(length = MAX_DETAIL)
  private String detail;

  @Column(length = MAX_ADDRESS)
  private String address;

  protected AuditEntry() {}

  AuditEntry(AuditEvent event, Instant at) {
    this.at = at;
    if (event.actor() != null) {
      this.actorId = event.actor().id();
      this.actorUsername = event.actor().username();
      this.actorDisplayName = event.actor().displayName();
    }
    this.action = AuditRules.action(event.action());
    this.target = AuditRules.clip(event.target(), MAX_TARGET);
    this.detail = AuditRules.clip(event.detail(), MAX_DETAIL);
    this.address = AuditRules.clip(event.address(), MAX_ADDRESS);
  }

  public Long id() {
    return id;
  }

  public Instant at() {
    return at;
  }

  /** Who acted, as they were named then; null for anonymous events. */
  public UserRef actor() {
    return actorId == null ? null : new UserRef(actorId, actorUsername, actorDisplayName);
  }

  public String action() {
    return action;
  }

  public String target() {
    return target;
  }

  public String detail() {
    return detail;
  }

  public String address() {
    return address;
  }
}
