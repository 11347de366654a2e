package dev.chorus.im.account;

import dev.chorus.im.common.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;

/** Registers accounts and checks their passwords. */
@ApplicationScoped
public class AccountService {
  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject PasswordHasher hasher;
  @Inject Clock clock;

  /**
   * Creates an account.
   *
   * @throws dev.chorus.im.common.ValidationException for invalid fields
   * @throws ConflictException if the username is taken, whatever its case
   */
  @Transactional
  public Account register(String username, String password, String displayName) {
    var valid = AccountRules.validate(username, password, displayName);
    if (findByUsername(valid.username()).isPresent()) {
      throw new ConflictException("The username '" + valid.username() + "' is already taken.");
    }
    var account =
        new Account(
            valid.username(), valid.displayName(), hasher.hash(valid.password()), clock.instant());
    em.persist(account);
    // Flush inside the transaction so a concurrent duplicate fails on the unique key here.
    em.flush();
    return account;
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
   * The account whose password this is, or empty. Unknown users cost as much time as wrong
   * passwords.
   */
  public Optional<Account> authenticate(String username, String password) {
    var pw = password == null ? "" : password;
    var account = findByUsername(username);
    if (account.isEmpty()) {
      hasher.burn(pw);
      return Optional.empty();
    }
    return hasher.verify(pw, account.get().passwordHash()) ? account : Optional.empty();
  }
}
