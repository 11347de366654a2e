package dev.chorus.im.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A login session. Only the SHA-256 of the token is stored, so a copy of the database does not let
 * anyone log in.
 */
@Entity
@Table(
    name = "session_token",
    indexes = @Index(name = "ix_session_account", columnList = "account_id"))
public class SessionToken {
  @Id
  @Column(name = "token_hash", length = 64)
  private String tokenHash;

  @Column(name = "account_id", nullable = false, length = 36)
  private String accountId;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  protected SessionToken() {}

  SessionToken(String tokenHash, String accountId, Instant createdAt, Instant expiresAt) {
    this.tokenHash = tokenHash;
    this.accountId = accountId;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
  }

  String tokenHash() {
    return tokenHash;
  }

  public String accountId() {
    return accountId;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  /** True while neither expired nor revoked. */
  public boolean isValidAt(Instant now) {
    return revokedAt == null && now.isBefore(expiresAt);
  }

  void revoke(Instant now) {
    if (revokedAt == null) {
      revokedAt = now;
    }
  }
}
