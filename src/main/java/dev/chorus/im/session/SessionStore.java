package dev.chorus.im.session;

import dev.chorus.im.account.AccountService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The short transactions of {@link SessionService}. Events are fired by the caller once these
 * return, that is after commit, so nobody closes a socket for a revocation that rolled back.
 */
@ApplicationScoped
public class SessionStore {
  private static final int IN_LIST_MAX = 500;

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

  /** Revokes every session of the account that is still valid; the hashes of those revoked. */
  @Transactional
  public Set<String> revokeAll(String accountId, Instant now) {
    return revokeAllIn(accountId, now);
  }

  /**
   * Stores the new password, revokes every session and issues {@code replacement}, all or nothing:
   * the old sessions must not outlive the old password.
   */
  @Transactional
  public Set<String> changePassword(
      AccountService.PasswordChange change, SessionToken replacement, Instant now) {
    accounts.applyPasswordChange(change);
    var revoked = revokeAllIn(change.accountId(), now);
    em.persist(replacement);
    return revoked;
  }

  private Set<String> revokeAllIn(String accountId, Instant now) {
    var hashes =
        em.createQuery(
                "select s.tokenHash from SessionToken s"
                    + " where s.accountId = :a and s.revokedAt is null and s.expiresAt > :now",
                String.class)
            .setParameter("now", now)
            .setParameter("a", accountId)
            .getResultList();
    // Exactly the sessions listed (those the event will name), in slices a database accepts.
    for (int from = 0; from < hashes.size(); from += IN_LIST_MAX) {
      em.createQuery("update SessionToken s set s.revokedAt = :now where s.tokenHash in :h")
          .setParameter("now", now)
          .setParameter("h", hashes.subList(from, Math.min(hashes.size(), from + IN_LIST_MAX)))
          .executeUpdate();
    }
    return Set.copyOf(hashes);
  }
}
