package dev.chorus.im.session;

import dev.chorus.im.account.Account;
import dev.chorus.im.account.AccountOrigin;
import dev.chorus.im.account.AccountRules;
import dev.chorus.im.account.AccountService;
import dev.chorus.im.account.Tokens;
import dev.chorus.im.account.UserRef;
import dev.chorus.im.audit.AuditEvent;
import dev.chorus.im.common.AuthenticationException;
import dev.chorus.im.common.FailureThrottle;
import dev.chorus.im.common.ForbiddenException;
import dev.chorus.im.common.ThrottledException;
import dev.chorus.im.ldap.LdapLogin;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Logs people in and out (one session, or all of them), changes passwords, and tells who a bearer
 * token belongs to. Passwords are checked outside any transaction; the writes are short
 * transactions in {@link SessionStore}, and revocations are announced after they commit.
 */
@ApplicationScoped
public class SessionService {
  /** One message for an unknown user and a wrong password, so usernames cannot be probed. */
  public static final String BAD_CREDENTIALS = "Wrong username or password.";

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject AccountService accounts;
  @Inject LdapLogin ldap;
  @Inject SessionStore store;
  @Inject Clock clock;
  @Inject Event<SessionRevoked> revoked;
  @Inject Event<AllSessionsRevoked> revokedAll;
  @Inject Event<AuditEvent> audit;

  @Inject
  @ConfigProperty(name = "chorus.session.ttl", defaultValue = "PT12H")
  Duration ttl;

  @Inject
  @ConfigProperty(name = "chorus.login.max-failures-per-user", defaultValue = "5")
  int maxFailuresPerUser;

  @Inject
  @ConfigProperty(name = "chorus.login.max-failures-per-client", defaultValue = "30")
  int maxFailuresPerClient;

  @Inject
  @ConfigProperty(name = "chorus.login.failure-window", defaultValue = "PT5M")
  Duration failureWindow;

  /** Failed logins and password checks per username and per client address. */
  private FailureThrottle byUser;

  private FailureThrottle byClient;

  /** A fresh login: the token is shown to the client once and never stored in clear. */
  public record Login(String token, Instant expiresAt, Account account) {}

  /** The account behind a valid token. */
  public record Authenticated(Account account, String tokenHash, Instant expiresAt) {}

  @PostConstruct
  void init() {
    byUser = new FailureThrottle(maxFailuresPerUser, failureWindow, clock);
    byClient = new FailureThrottle(maxFailuresPerClient, failureWindow, clock);
  }

  /**
   * Checks the password and issues a token. A local account's password is checked here; with
   * directory sign-in on, any other username is checked by the directory, and its Chorus account is
   * created or synced ({@link AccountService#signInExternal}). Failures of both count alike.
   *
   * @throws ThrottledException after too many failures for this username or client
   * @throws AuthenticationException for an unknown user or a wrong password (same message)
   * @throws ForbiddenException {@code account_disabled} (disabled in the directory), {@code
   *     external_account} (an account the password form cannot sign in), or the refusals of {@link
   *     AccountService#signInExternal}
   * @throws dev.chorus.im.common.OverloadedException too many passwords being checked at once, or
   *     the directory cannot be reached
   */
  @Transactional(TxType.NOT_SUPPORTED)
  public Login login(String username, String password, String clientAddress) {
    var userKey = userKey(username);
    var clientKey = "c:" + clientAddress;
    try {
      requireNotThrottled(userKey, clientKey, "logins");
    } catch (ThrottledException e) {
      audit.fire(new AuditEvent(null, "login.throttled", name(username), null, clientAddress));
      throw e;
    }
    var account =
        viaDirectory(username)
            ? directoryLogin(username, password)
            : accounts.authenticate(username, password);
    if (account.isEmpty()) {
      recordFailure(userKey, clientKey);
      // The name as typed (never the password), so an admin sees what was tried.
      audit.fire(
          new AuditEvent(null, "login.failed", name(username), "wrong password", clientAddress));
      throw new AuthenticationException(BAD_CREDENTIALS);
    }
    byUser.reset(userKey);
    if (account.get().isDisabled()) {
      audit.fire(
          new AuditEvent(
              UserRef.of(account.get()),
              "login.refused",
              account.get().username(),
              "account disabled",
              clientAddress));
    }
    var login = issue(account.get());
    audit.fire(
        new AuditEvent(
            UserRef.of(account.get()),
            "login.ok",
            account.get().username(),
            account.get().origin().wire(),
            clientAddress));
    return login;
  }

  /**
   * Issues a session for an account whose sign-in was checked elsewhere (a directory, an identity
   * provider; see {@code AccountService.signInExternal}). It checks nothing itself.
   */
  @Transactional(TxType.NOT_SUPPORTED)
  public Login issue(Account account) {
    requireEnabled(account);
    var token = Tokens.newToken();
    var session = newSession(token, account.id());
    store.insert(session);
    return new Login(token, session.expiresAt(), account);
  }

  /**
   * Changes the caller's password after checking the current one, revokes every session of the
   * account (other browsers, stolen tokens) and issues a new one for the caller, so this tab stays
   * logged in. Wrong current passwords count as failed logins.
   *
   * @throws ThrottledException after too many failures for this username or client
   * @throws ForbiddenException {@code wrong_password} if the current password is wrong
   * @throws dev.chorus.im.common.ValidationException if the new password breaks the rules
   * @throws dev.chorus.im.common.OverloadedException too many passwords being hashed at once
   */
  @Transactional(TxType.NOT_SUPPORTED)
  public Login changePassword(
      Account caller, String currentPassword, String newPassword, String clientAddress) {
    var userKey = userKey(caller.username());
    var clientKey = "c:" + clientAddress;
    requireNotThrottled(userKey, clientKey, "password checks");
    var change = accounts.preparePasswordChange(caller.id(), currentPassword, newPassword);
    if (change.isEmpty()) {
      recordFailure(userKey, clientKey);
      audit.fire(
          new AuditEvent(
              UserRef.of(caller),
              "password.change_failed",
              caller.username(),
              "wrong current password",
              clientAddress));
      throw new ForbiddenException("wrong_password", "The current password is wrong.");
    }
    byUser.reset(userKey);
    var token = Tokens.newToken();
    var session = newSession(token, caller.id());
    var revoked = store.changePassword(change.get(), session, clock.instant());
    revokedAll.fireAsync(new AllSessionsRevoked(caller.id(), revoked));
    audit.fire(
        new AuditEvent(
            UserRef.of(caller),
            "password.changed",
            caller.username(),
            revoked.size() + " other sessions ended",
            clientAddress));
    return new Login(token, session.expiresAt(), caller);
  }

  /** The account of a token that is well-formed, known, not expired and not revoked. */
  public Optional<Authenticated> verify(String token) {
    if (!Tokens.looksValid(token)) {
      return Optional.empty();
    }
    var hash = Tokens.hash(token);
    var session = em.find(SessionToken.class, hash);
    if (session == null || !session.isValidAt(clock.instant())) {
      return Optional.empty();
    }
    return accounts
        .findById(session.accountId())
        .filter(a -> !a.isDisabled())
        .map(a -> new Authenticated(a, hash, session.expiresAt()));
  }

  /** Ends a session at once; later requests with its token get 401. */
  public void revoke(String tokenHash) {
    store
        .revoke(tokenHash, clock.instant())
        .ifPresent(accountId -> revoked.fireAsync(new SessionRevoked(accountId, tokenHash)));
  }

  /**
   * "Log out everywhere": ends every session of the account and closes their sockets.
   *
   * @return how many sessions were ended
   */
  public int revokeAll(String accountId) {
    var revoked = store.revokeAll(accountId, clock.instant());
    revokedAll.fireAsync(new AllSessionsRevoked(accountId, revoked));
    return revoked.size();
  }

  /** Whether the session with this token hash is still valid (for long-lived sockets). */
  public boolean isStillValid(String tokenHash) {
    var session = em.find(SessionToken.class, tokenHash);
    return session != null && session.isValidAt(clock.instant());
  }

  /** Local accounts keep their own password; everyone else is the directory's, when it is on. */
  private boolean viaDirectory(String username) {
    if (!ldap.enabled()) {
      return false;
    }
    var existing = accounts.findByUsername(username);
    return existing.isEmpty() || existing.get().origin() == AccountOrigin.LDAP;
  }

  private Optional<Account> directoryLogin(String username, String password) {
    return ldap.authenticate(username, password)
        .map(
            user ->
                accounts.signInExternal(
                    AccountOrigin.LDAP,
                    user.subject(),
                    user.username(),
                    user.displayName(),
                    user.admin()));
  }

  /**
   * @throws ForbiddenException {@code account_disabled} if an administrator disabled the account
   */
  private static void requireEnabled(Account account) {
    if (account.isDisabled()) {
      throw new ForbiddenException(
          "account_disabled",
          "This account has been disabled by an administrator. Ask them to enable it again.");
    }
  }

  /** A username as typed, cut short, for the audit log of a failed login. */
  private static String name(String username) {
    if (username == null) {
      return null;
    }
    var s = username.strip();
    return s.length() <= 64 ? s : s.substring(0, 64);
  }

  private SessionToken newSession(String token, String accountId) {
    var now = clock.instant();
    return new SessionToken(Tokens.hash(token), accountId, now, now.plus(ttl));
  }

  private static String userKey(String username) {
    return "u:" + Optional.ofNullable(AccountRules.normalizeUsername(username)).orElse("");
  }

  private void requireNotThrottled(String userKey, String clientKey, String what) {
    var wait = byUser.blockedFor(userKey).or(() -> byClient.blockedFor(clientKey));
    if (wait.isPresent()) {
      throw new ThrottledException(
          "Too many failed "
              + what
              + ". Try again in "
              + ThrottledException.seconds(wait.get())
              + " seconds.",
          wait.get());
    }
  }

  private void recordFailure(String userKey, String clientKey) {
    byUser.recordFailure(userKey);
    byClient.recordFailure(clientKey);
  }
}
