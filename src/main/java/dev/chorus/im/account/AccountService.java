package dev.chorus.im.account;

import dev.chorus.im.common.ConflictException;
import dev.chorus.im.common.ForbiddenException;
import dev.chorus.im.common.OverloadedException;
import dev.chorus.im.common.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Registers accounts and checks their passwords. Argon2 runs outside any transaction (the methods
 * that hash suspend the caller's): hash first, then a short transaction in {@link AccountStore}.
 *
 * <p>External accounts (directory, single sign-on) are created and synced by {@link
 * #signInExternal} once their sign-in has been checked elsewhere; they have no password here, so
 * the password methods refuse them with {@code external_account}. With {@code
 * chorus.auth.local.enabled=false} local accounts can neither be created nor log in.
 */
@ApplicationScoped
public class AccountService {
  static final String UNKNOWN_INVITE = "This invite code is not valid.";

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject PasswordHasher hasher;
  @Inject AccountStore store;
  @Inject RegistrationGate gate;
  @Inject AdminPolicy admins;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "chorus.auth.local.enabled", defaultValue = "true")
  boolean localEnabled;

  @Inject
  @ConfigProperty(name = "chorus.registration.invite-ttl", defaultValue = "P7D")
  Duration inviteTtl;

  @Inject
  @ConfigProperty(name = "chorus.registration.max-open-invites", defaultValue = "1000")
  long maxOpenInvites;

  /** A new password, hashed and ready to store. */
  public static final class PasswordChange {
    private final String accountId;
    private final String newHash;

    private PasswordChange(String accountId, String newHash) {
      this.accountId = accountId;
      this.newHash = newHash;
    }

    public String accountId() {
      return accountId;
    }
  }

  /** A fresh invite: the code is shown once and only its hash is kept. */
  public record NewInvite(String code, Instant expiresAt) {}

  /**
   * Self-registration, as the registration mode allows and the throttles admit.
   *
   * @param invite the invite code, required in {@code invite} mode (ignored otherwise)
   * @throws ForbiddenException registration closed, an invite missing or not valid, or a reserved
   *     username
   * @throws ValidationException for invalid fields
   * @throws ConflictException if the username is taken, whatever its case
   * @throws dev.chorus.im.common.ThrottledException too many registrations from this address or
   *     overall
   * @throws OverloadedException too many passwords being hashed at once
   */
  @Transactional(TxType.NOT_SUPPORTED)
  public Account register(
      String username, String password, String displayName, String invite, String clientAddress) {
    if (!localEnabled) {
      throw new ForbiddenException(
          "registration_closed",
          "Registration is closed: this server signs people in through their directory or single"
              + " sign-on account.");
    }
    boolean invited = gate.mode() == RegistrationMode.INVITE;
    gate.requireOpen(invite != null && !invite.isBlank());
    var valid = AccountRules.validate(username, password, displayName);
    if (admins.isReserved(valid.username())) {
      throw new ForbiddenException(
          "reserved_username",
          "The username '" + valid.username() + "' is reserved for an administrator.");
    }
    var inviteHash = invited ? Optional.of(checkInvite(invite)) : Optional.<String>empty();
    requireFree(valid.username());
    gate.admit(clientAddress);
    try {
      return create(valid, inviteHash);
    } catch (OverloadedException | ConflictException e) {
      gate.giveBack(clientAddress);
      throw e;
    }
  }

  /**
   * An administrator creates an account: any mode, reserved names included, no throttle.
   *
   * @throws ValidationException for invalid fields
   * @throws ConflictException if the username is taken
   * @throws OverloadedException too many passwords being hashed at once
   */
  @Transactional(TxType.NOT_SUPPORTED)
  public Account createByAdmin(String username, String password, String displayName) {
    requireLocalEnabled();
    var valid = AccountRules.validate(username, password, displayName);
    requireFree(valid.username());
    return create(valid, Optional.empty());
  }

  /**
   * Creates an invite valid for {@code validFor} (the configured default when null).
   *
   * @throws ValidationException for a non-positive or longer-than-a-year validity
   * @throws ForbiddenException {@code too_many_invites} when the cap of unused invites is reached
   */
  public NewInvite createInvite(Account admin, Duration validFor) {
    var ttl = validFor == null ? inviteTtl : validFor;
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(Duration.ofDays(365)) > 0) {
      throw new ValidationException(
          "validFor", "An invite must be valid for more than 0 seconds and at most 365 days.");
    }
    var code = Tokens.newToken();
    var now = clock.instant();
    var invite = new RegistrationInvite(Tokens.hash(code), admin.id(), now, now.plus(ttl));
    store.insertInvite(invite, maxOpenInvites, now);
    return new NewInvite(code, invite.expiresAt());
  }

  public Optional<Account> findByUsername(String username) {
    var key = AccountRules.normalizeUsername(username);
    if (key == null || key.isEmpty()) {
      return Optional.empty();
    }
    return em.createQuery("select a from Account a where a.username = :u", Account.class)
        .setParameter("u", key)
        .getResultStream()
        .findFirst();
  }

  public Optional<Account> findById(String id) {
    return Optional.ofNullable(id).map(i -> em.find(Account.class, i));
  }

  /**
   * The local account whose password this is, or empty. Unknown users cost as much time as wrong
   * passwords.
   *
   * @throws ForbiddenException {@code local_accounts_disabled} when local accounts are switched
   *     off; {@code external_account} if the account signs in through a directory or single sign-on
   * @throws OverloadedException too many passwords being checked at once
   */
  @Transactional(TxType.NOT_SUPPORTED)
  public Optional<Account> authenticate(String username, String password) {
    requireLocalEnabled();
    var pw = password == null ? "" : password;
    var account = findByUsername(username);
    if (account.isEmpty()) {
      hasher.burn(pw);
      return Optional.empty();
    }
    requireLocal(account.get());
    return hasher.verify(pw, account.get().passwordHash()) ? account : Optional.empty();
  }

  /**
   * Checks the current password and hashes the new one, outside any transaction; store it with
   * {@link #applyPasswordChange} inside one.
   *
   * @return empty if {@code currentPassword} is wrong
   * @throws ForbiddenException {@code external_account} if Chorus does not hold this account's
   *     password
   * @throws ValidationException if the new password breaks the registration rules
   * @throws OverloadedException too many passwords being hashed at once
   */
  @Transactional(TxType.NOT_SUPPORTED)
  public Optional<PasswordChange> preparePasswordChange(
      String accountId, String currentPassword, String newPassword) {
    var account = findById(accountId);
    account.ifPresent(AccountService::requireLocal);
    AccountRules.validatePassword("newPassword", newPassword);
    if (account.isEmpty()
        || !hasher.verify(
            currentPassword == null ? "" : currentPassword, account.get().passwordHash())) {
      return Optional.empty();
    }
    return Optional.of(new PasswordChange(accountId, hasher.hash(newPassword)));
  }

  /**
   * An administrator sets a new password for a local account, without the current one; hashed
   * outside any transaction. Store it with {@link #applyPasswordChange}.
   *
   * @throws dev.chorus.im.common.NotFoundException for an unknown or deleted account
   * @throws ConflictException {@code external_account} for a directory or single sign-on account
   * @throws ValidationException if the password breaks the registration rules
   * @throws OverloadedException too many passwords being hashed at once
   */
  @Transactional(TxType.NOT_SUPPORTED)
  public PasswordChange preparePasswordReset(String accountId, String newPassword) {
    var account =
        findById(accountId)
            .filter(a -> !a.isDeleted())
            .orElseThrow(
                () ->
                    new dev.chorus.im.common.NotFoundException(
                        "There is no user with id '" + accountId + "'."));
    AccountAdminRules.checkPasswordReset(account);
    AccountRules.validatePassword("password", newPassword);
    return new PasswordChange(accountId, hasher.hash(newPassword));
  }

  /** Stores a prepared password change in the caller's transaction. */
  public void applyPasswordChange(PasswordChange change) {
    store.changePasswordHash(change.accountId, change.newHash);
  }

  /**
   * Creates the account of a configured administrator at startup, if it does not exist yet.
   *
   * @return whether it was created
   * @throws ValidationException if the username or password breaks the rules
   */
  @Transactional(TxType.NOT_SUPPORTED)
  public boolean ensureAdminAccount(String username, String initialPassword) {
    if (!localEnabled) {
      return false;
    }
    var valid = AccountRules.validate(username, initialPassword, username);
    if (findByUsername(valid.username()).isPresent()) {
      return false;
    }
    try {
      create(valid, Optional.empty());
      return true;
    } catch (ConflictException createdMeanwhile) {
      return false;
    }
  }

  /**
   * The account of someone whose sign-in a directory or identity provider has just checked: created
   * at the first sign-in, its display name and admin flag synced at every later one (see {@link
   * ExternalSignIn} for the rules). The caller then issues a session for it.
   *
   * @param origin {@link AccountOrigin#LDAP} or {@link AccountOrigin#OIDC}
   * @param subject the directory's or provider's stable id of the person (entryUUID, objectGUID,
   *     OIDC {@code sub}), at most 255 characters
   * @param preferredUsername the username for a new account (kept afterwards, even if the directory
   *     renames the person)
   * @param displayName shown name; blank means the username
   * @param admin whether the directory or provider makes this person an administrator (an admin
   *     group); {@code chorus.admins} makes them one as well
   * @throws ForbiddenException {@code username_not_allowed} if the username breaks the Chorus rules
   * @throws ConflictException {@code username_taken} if another account has the username
   * @throws IllegalArgumentException for a local origin or a missing or too long subject
   */
  @Transactional(TxType.NOT_SUPPORTED)
  public Account signInExternal(
      AccountOrigin origin,
      String subject,
      String preferredUsername,
      String displayName,
      boolean admin) {
    if (!origin.isExternal()) {
      throw new IllegalArgumentException("not an external origin: " + origin);
    }
    if (subject == null || subject.isBlank() || subject.length() > 255) {
      throw new IllegalArgumentException("an external subject has 1 to 255 characters");
    }
    try {
      return store.signInExternal(
          origin, subject, preferredUsername, displayName, admin, clock.instant());
    } catch (PersistenceException | jakarta.transaction.TransactionalException e) {
      // The same person's first sign-in in another tab created the account meanwhile: now it is
      // found by its subject (or the username conflict is reported as such).
      return store.signInExternal(
          origin, subject, preferredUsername, displayName, admin, clock.instant());
    }
  }

  /** Whether local accounts may register and log in ({@code chorus.auth.local.enabled}). */
  public boolean localAccountsEnabled() {
    return localEnabled;
  }

  private void requireLocalEnabled() {
    if (!localEnabled) {
      throw new ForbiddenException(
          "local_accounts_disabled",
          "Local Chorus accounts are switched off on this server: sign in with your directory or"
              + " single sign-on account.");
    }
  }

  private static void requireLocal(Account account) {
    if (account.isExternal()) {
      throw new ForbiddenException(
          "external_account",
          "This account signs in through "
              + account.origin().label()
              + ": Chorus does not hold its password. Use that sign-in, and change the password"
              + " there.");
    }
  }

  private String checkInvite(String invite) {
    var code = invite.strip();
    if (!Tokens.looksValid(code)) {
      throw new ForbiddenException("invite_invalid", UNKNOWN_INVITE);
    }
    var hash = Tokens.hash(code);
    var found = em.find(RegistrationInvite.class, hash);
    var refusal = found == null ? Optional.of(UNKNOWN_INVITE) : found.refusalAt(clock.instant());
    if (refusal.isPresent()) {
      throw new ForbiddenException("invite_invalid", refusal.get());
    }
    return hash;
  }

  private void requireFree(String username) {
    if (findByUsername(username).isPresent()) {
      throw taken(username);
    }
  }

  private Account create(AccountRules.Registration valid, Optional<String> inviteHash) {
    var hash = hasher.hash(valid.password());
    var now = clock.instant();
    var account = new Account(valid.username(), valid.displayName(), hash, now);
    try {
      store.insert(account, inviteHash, now);
    } catch (PersistenceException | jakarta.transaction.TransactionalException e) {
      if (findByUsername(valid.username()).isPresent()) {
        throw taken(valid.username());
      }
      throw e;
    }
    return account;
  }

  private static ConflictException taken(String username) {
    return new ConflictException("The username '" + username + "' is already taken.");
  }
}
