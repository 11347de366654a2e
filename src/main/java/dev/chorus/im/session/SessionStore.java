package dev.chorus.im.session;

import dev.chorus.im.account.AccountService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * The short transactions of {@link SessionService}. Events are fired by the caller once these
 * return, that is after commit, so nobody closes a socket for a revocation that rolled back.
 */
@ApplicationScoped
public class SessionStore {
  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject AccountService accounts;

  @Transactional
  public void insert(SessionToken session) {
    em.persist(session);
  }

  /** Revokes one session; the account it belonged to, if it exists. */
  @Transactional
  public Optional<String> revoke(String tokenHash, Instant now) {
    var session = em.find(SessionToken.class, tokenHash);
    if (session == null) {
      return Optional.empty();
    }
    session.revoke(now);
    return Optional.of(session.accountId());
  }

  /** Revokes every session of the account that is still valid; how many there were. */
  @Transactional
  public int revokeAll(String accountId, Instant now) {
    return revokeAllIn(accountId, now);
  }

  /**
   * Stores the new password, revokes every session and issues {@code replacement}, all or nothing:
   * the old sessions must not outlive the old password.
   */
  @Transactional
  public void changePassword(
      AccountService.PasswordChange change, SessionToken replacement, Instant now) {
    accounts.applyPasswordChange(change);
    revokeAllIn(change.accountId(), now);
    em.persist(replacement);
  }

  private int revokeAllIn(String accountId, Instant now) {
    return em.createQuery(
            "update SessionToken s set s.revokedAt = :now"
                + " where s.accountId = :a and s.revokedAt is null and s.expiresAt > :now")
        .setParameter("now", now)
        .setParameter("a", accountId)
        .executeUpdate();
  }
}
