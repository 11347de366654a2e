package dev.chorus.im.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * A single-use code an administrator hands out so someone may register while {@code
 * chorus.registration.mode=invite}. Stored by the SHA-256 of the code, like session tokens.
 */
@Entity
@Table(name = "registration_invite")
public class RegistrationInvite {
  @Id
  @Column(name = "code_hash", length = 64)
  private String codeHash;

  @Column(name = "created_by", nullable = false, length = 36)
  private String createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "used_at")
  private Instant usedAt;

  @Column(name = "used_by", length = 36)
  private String usedBy;

  protected RegistrationInvite() {}

  RegistrationInvite(String codeHash, String createdBy, Instant createdAt, Instant expiresAt) {
    this.codeHash = codeHash;
    this.createdBy = createdBy;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  /** Why this invite cannot be used at {@code now}, or empty if it can. */
  Optional<String> refusalAt(Instant now) {
    if (usedAt != null) {
      return Optional.of("This invite code has already been used.");
    }
    if (!now.isBefore(expiresAt)) {
      return Optional.of("This invite code has expired: ask for a new one.");
    }
    return Optional.empty();
  }

  void useFor(String accountId, Instant now) {
    this.usedAt = now;
    this.usedBy = accountId;
  }
}
