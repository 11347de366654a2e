package dev.chorus.im.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.UUID;

/**
 * A person who can log in. The username is stored lower-cased, so uniqueness ignores case.
 *
 * <p>A {@link AccountOrigin#LOCAL local} account has a password hash. An external one (directory or
 * single sign-on) has none: it is found by its origin and the subject the directory or provider
 * gives it, which stays the same when the person is renamed there.
 */
@Entity
@Table(
    name = "account",
    uniqueConstraints = {
      @UniqueConstraint(name = "uk_account_username", columnNames = "username"),
      @UniqueConstraint(
          name = "uk_account_external",
          columnNames = {"origin", "external_subject"})
    })
public class Account {
  @Id
  @Column(length = 36)
  private String id;

  @Column(nullable = false, length = 32)
  private String username;

  @Column(name = "display_name", nullable = false, length = 64)
  private String displayName;

  /** Null for external accounts: Chorus never stores their passwords. */
  @Column(name = "password_hash", length = 200)
  private String passwordHash;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 8)
  private AccountOrigin origin;

  /** The directory's or provider's stable id of the person; null for local accounts. */
  @Column(name = "external_subject", length = 255)
  private String externalSubject;

  /** Whether the directory or provider said "admin" at the last sign-in (never for local ones). */
  @Column(name = "external_admin", nullable = false)
  private boolean externalAdmin;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  /**
   * Made an administrator through the admin API (besides {@code chorus.admins} and directories).
   */
  @Column(name = "granted_admin", nullable = false)
  private boolean grantedAdmin;

  /** When an administrator disabled the account; null while it may log in. */
  @Column(name = "disabled_at")
  private Instant disabledAt;

  /**
   * When an administrator deleted the account. The row stays as a tombstone, renamed and without a
   * usable password, so messages and conversations keep a sender ("Deleted user").
   */
  @Column(name = "deleted_at")
  private Instant deletedAt;

  protected Account() {}

  Account(String username, String displayName, String passwordHash, Instant createdAt) {
    this.id = UUID.randomUUID().toString();
    this.username = username;
    this.displayName = displayName;
    this.passwordHash = passwordHash;
    this.createdAt = createdAt;
    this.origin = AccountOrigin.LOCAL;
  }

  /** An account whose sign-in is checked elsewhere; it has no password hash. */
  static Account external(
      AccountOrigin origin,
      String subject,
      String username,
      String displayName,
      boolean admin,
      Instant createdAt) {
    if (!origin.isExternal()) {
      throw new IllegalArgumentException("not an external origin: " + origin);
    }
    var account = new Account(username, displayName, null, createdAt);
    account.origin = origin;
    account.externalSubject = subject;
    account.externalAdmin = admin;
    return account;
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
    if (isExternal()) {
      throw new IllegalStateException("an external account has no password in Chorus");
    }
    this.passwordHash = newHash;
  }

  public AccountOrigin origin() {
    // Rows written before origins existed read as local.
    return origin == null ? AccountOrigin.LOCAL : origin;
  }

  public boolean isExternal() {
    return origin().isExternal();
  }

  /** The directory's or provider's id of the person; null for local accounts. */
  public String externalSubject() {
    return externalSubject;
  }

  /** Whether the directory or provider made this account an admin at its last sign-in. */
  public boolean externalAdmin() {
    return externalAdmin;
  }

  /**
   * What the directory or provider says now; the username stays as first given, because other
   * people's conversations and rooms show it.
   */
  void syncExternal(String displayName, boolean admin) {
    this.displayName = displayName;
    this.externalAdmin = admin;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** Whether the admin API made this account an administrator. */
  public boolean grantedAdmin() {
    return grantedAdmin;
  }

  public boolean isDisabled() {
    return disabledAt != null || deletedAt != null;
  }

  public Instant disabledAt() {
    return disabledAt;
  }

  public boolean isDeleted() {
    return deletedAt != null;
  }

  /**
   * Stops the account from logging in (its sessions are revoked by the caller in the same
   * transaction); disabling a disabled account changes nothing.
   *
   * @return whether it changed
   */
  boolean disable(Instant now) {
    requireNotDeleted();
    if (disabledAt != null) {
      return false;
    }
    disabledAt = now;
    return true;
  }

  /**
   * @return whether it changed
   */
  boolean enable() {
    requireNotDeleted();
    if (disabledAt == null) {
      return false;
    }
    disabledAt = null;
    return true;
  }

  /**
   * @return whether it changed
   */
  boolean grantAdmin() {
    requireNotDeleted();
    if (grantedAdmin) {
      return false;
    }
    grantedAdmin = true;
    return true;
  }

  /**
   * @return whether it changed
   */
  boolean revokeGrantedAdmin() {
    if (!grantedAdmin) {
      return false;
    }
    grantedAdmin = false;
    return true;
  }

  /**
   * Turns the account into a tombstone: the username is freed (renamed to {@code deleted-<id>}),
   * the display name becomes "Deleted user", no password or directory subject can sign it in again,
   * and it is disabled. The row stays so the messages it sent keep a sender.
   */
  void markDeleted(Instant now) {
    requireNotDeleted();
    var compact = id.replace("-", "");
    this.username = "deleted-" + compact.substring(0, Math.min(24, compact.length()));
    this.displayName = DELETED_DISPLAY_NAME;
    this.grantedAdmin = false;
    this.externalAdmin = false;
    if (isExternal()) {
      // Frees the subject: the same person signing in through the directory later gets a new
      // account instead of this tombstone.
      this.externalSubject = "deleted:" + id;
    } else {
      // Not a hash any check accepts (the column must stay non-null for local accounts).
      this.passwordHash = "deleted";
    }
    if (disabledAt == null) {
      disabledAt = now;
    }
    this.deletedAt = now;
  }

  /** The display name a deleted account keeps next to its old messages. */
  public static final String DELETED_DISPLAY_NAME = "Deleted user";

  private void requireNotDeleted() {
    if (deletedAt != null) {
      throw new IllegalStateException("the account was deleted");
    }
  }
}
