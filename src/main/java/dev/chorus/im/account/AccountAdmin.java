package dev.chorus.im.account;

import dev.chorus.im.common.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;

/**
 * The account changes an administrator makes, under {@link AccountAdminRules}. Each joins the
 * caller's transaction (which also revokes sessions, hands rooms over), locks the target row, and
 * says whether anything changed, so a repeated request is harmless and not audited twice.
 */
@ApplicationScoped
public class AccountAdmin {
  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject AdminPolicy policy;
  @Inject Clock clock;

  /**
   * A live (not deleted) account.
   *
   * @throws NotFoundException for an unknown or deleted id
   */
  public Account require(String id) {
    var account = id == null ? null : em.find(Account.class, id);
    if (account == null || account.isDeleted()) {
      throw new NotFoundException("There is no user with id '" + id + "'.");
    }
    return account;
  }

  /** How many enabled accounts administer Chorus now. */
  public long activeAdmins() {
    var configured = policy.usernames();
    var jpql =
        "select count(a) from Account a where a.disabledAt is null and a.deletedAt is null"
            + " and (a.grantedAdmin = true or a.externalAdmin = true"
            + (configured.isEmpty() ? ")" : " or a.username in :cfg)");
    var q = em.createQuery(jpql, Long.class);
    if (!configured.isEmpty()) {
      q.setParameter("cfg", configured);
    }
    return q.getSingleResult();
  }

  /**
   * @return whether it changed (false if it was disabled already)
   */
  @Transactional(TxType.MANDATORY)
  public boolean disable(Account actor, String id) {
    var target = lock(id);
    AccountAdminRules.checkRemoval(
        actor, target, "disable", policy.isAdmin(target), activeAdmins());
    return target.disable(clock.instant());
  }

  /**
   * @return whether it changed
   */
  @Transactional(TxType.MANDATORY)
  public boolean enable(String id) {
    return lock(id).enable();
  }

  /** Turns the account into a tombstone (see {@link Account#markDeleted}); the deleted account. */
  @Transactional(TxType.MANDATORY)
  public Account delete(Account actor, String id) {
    var target = lock(id);
    AccountAdminRules.checkRemoval(actor, target, "delete", policy.isAdmin(target), activeAdmins());
    target.markDeleted(clock.instant());
    em.flush();
    return target;
  }

  /**
   * @return whether it changed
   */
  @Transactional(TxType.MANDATORY)
  public boolean grantAdmin(String id) {
    var target = lock(id);
    AccountAdminRules.checkAdminGrant(target);
    return target.grantAdmin();
  }

  /**
   * @return whether it changed
   */
  @Transactional(TxType.MANDATORY)
  public boolean revokeAdmin(Account actor, String id) {
    var target = lock(id);
    AccountAdminRules.checkAdminRevocation(
        actor, target, policy.isConfigured(target), activeAdmins());
    return target.revokeGrantedAdmin();
  }

  private Account lock(String id) {
    var account = require(id);
    em.lock(account, LockModeType.PESSIMISTIC_WRITE);
    return account;
  }
}
