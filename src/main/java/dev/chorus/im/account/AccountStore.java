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
