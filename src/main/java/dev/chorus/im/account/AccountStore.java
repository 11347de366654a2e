package dev.chorus.im.account;

import dev.chorus.im.common.ForbiddenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * The short transactions of {@link AccountService}: each only writes rows whose password hash was
 * computed before, so no pooled connection waits on Argon2.
 */
@ApplicationScoped
public class AccountStore {
  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  /**
   * Inserts the account, using up the invite if one is given.
   *
   * @throws ForbiddenException {@code invite_invalid} if the invite was used or expired meanwhile
   * @throws jakarta.persistence.PersistenceException if the username was taken meanwhile
   */
  @Transactional
  public void insert(Account account, Optional<String> inviteHash, Instant now) {
    if (inviteHash.isPresent()) {
      // Locked, so two registrations racing for one invite cannot both use it.
      var invite =
          em.find(RegistrationInvite.class, inviteHash.get(), LockModeType.PESSIMISTIC_WRITE);
      var refusal =
          invite == null ? Optional.of(AccountService.UNKNOWN_INVITE) : invite.refusalAt(now);
      if (refusal.isPresent()) {
        throw new ForbiddenException("invite_invalid", refusal.get());
      }
      invite.useFor(account.id(), now);
    }
    em.persist(account);
    // Flush inside the transaction so a concurrent duplicate fails on the unique key here.
    em.flush();
  }

  /** Stores a new password hash; joins the caller's transaction, which must exist. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void changePasswordHash(String accountId, String newHash) {
    var account = em.find(Account.class, accountId, LockModeType.PESSIMISTIC_WRITE);
    if (account != null) {
      account.changePasswordHash(newHash);
    }
  }

  /**
   * Finds the external account by origin and subject and syncs it, or creates it; see {@link
   * ExternalSignIn}.
   *
   * @throws jakarta.persistence.PersistenceException if a concurrent sign-in created it meanwhile
   */
  @Transactional
  public Account signInExternal(
      AccountOrigin origin,
      String subject,
      String preferredUsername,
      String displayName,
      boolean admin,
      Instant now) {
    var bySubject =
        em.createQuery(
                "select a from Account a where a.origin = :o and a.externalSubject = :s",
                Account.class)
            .setParameter("o", origin)
            .setParameter("s", subject)
            .getResultStream()
            .findFirst();
    var byUsername =
        bySubject.isPresent()
            ? Optional.<Account>empty()
            : em.createQuery("select a from Account a where a.username = :u", Account.class)
                .setParameter("u", AccountRules.normalizeUsername(preferredUsername))
                .getResultStream()
                .findFirst();
    var decision =
        ExternalSignIn.decide(origin, preferredUsername, displayName, bySubject, byUsername);
    if (decision instanceof ExternalSignIn.Sync sync) {
      sync.account().syncExternal(sync.displayName(), admin);
      return sync.account();
    }
    var create = (ExternalSignIn.Create) decision;
    var account =
        Account.external(origin, subject, create.username(), create.displayName(), admin, now);
    em.persist(account);
    em.flush();
    return account;
  }

  @Transactional
  public void insertInvite(RegistrationInvite invite, long maxOpen, Instant now) {
    long open =
        em.createQuery(
                "select count(i) from RegistrationInvite i where i.usedAt is null"
                    + " and i.expiresAt > :now",
                Long.class)
            .setParameter("now", now)
            .getSingleResult();
    if (open >= maxOpen) {
      throw new ForbiddenException(
          "too_many_invites",
          "There are already " + open + " unused invites; wait for some to be used or expire.");
    }
    em.persist(invite);
  }
}
