package dev.chorus.im.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.UUID;

/** A person who can log in. The username is stored lower-cased, so uniqueness ignores case. */
@Entity
@Table(
    name = "account",
    uniqueConstraints = @UniqueConstraint(name = "uk_account_username", columnNames = "username"))
public class Account {
  @Id
  @Column(length = 36)
  private String id;

  @Column(nullable = false, length = 32)
  private String username;

  @Column(name = "display_name", nullable = false, length = 64)
  private String displayName;

  @Column(name = "password_hash", nullable = false, length = 200)
  private String passwordHash;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Account() {}

  Account(String username, String displayName, String passwordHash, Instant createdAt) {
    this.id = UUID.randomUUID().toString();
    this.username = username;
    this.displayName = displayName;
    this.passwordHash = passwordHash;
    this.createdAt = createdAt;
  }

  public String id() {
    return id;
  }

  public String username() {
    return username;
  }

  public String displayName() {
    return displayName;
  }

  String passwordHash() {
    return passwordHash;
  }

  void changePasswordHash(String newHash) {
    this.passwordHash = newHash;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
