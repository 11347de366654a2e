package dev.chorus.im.session;

import dev.chorus.im.account.Account;
import dev.chorus.im.account.AccountRules;
import dev.chorus.im.account.AccountService;
import dev.chorus.im.common.AuthenticationException;
import dev.chorus.im.common.ThrottledException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Logs people in and out, and tells who a bearer token belongs to. */
@ApplicationScoped
public class SessionService {
  /** One message for an unknown user and a wrong password, so usernames cannot be probed. */
  public static final String BAD_CREDENTIALS = "Wrong username or password.";

  private static final int THROTTLE_EVICT_EVERY = 256;

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject AccountService accounts;
  @Inject Clock clock;
  @Inject Event<SessionRevoked> revoked;

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

  private LoginThrottle byUser;
  private LoginThrottle byClient;
  private int failuresSinceEviction;

  /** A fresh login: the token is shown to the client once and never stored in clear. */
  public record Login(String token, Instant expiresAt, Account account) {}

  /** The account behind a valid token. */
  public record Authenticated(Account account, String tokenHash, Instant expiresAt) {}

  @PostConstruct
  void init() {
    byUser = new LoginThrottle(maxFailuresPerUser, failureWindow, clock);
    byClient = new LoginThrottle(maxFailuresPerClient, failureWindow, clock);
  }

  /**
   * Checks the password and issues a token.
   *
   * @throws ThrottledException after too many failures for this username or client
   * @throws AuthenticationException for an unknown user or a wrong password (same message)
   */
  @Transactional
  public Login login(String username, String password, String clientAddress) {
    var userKey = "u:" + Optional.ofNullable(AccountRules.normalizeUsername(username)).orElse("");
    var clientKey = "c:" + clientAddress;
    var wait = byUser.blockedFor(userKey).or(() -> byClient.blockedFor(clientKey));
    if (wait.isPresent()) {
      throw new ThrottledException(
          "Too many failed logins. Try again in " + roundUpSeconds(wait.get()) + " seconds.",
          wait.get());
    }
    var account = accounts.authenticate(username, password);
    if (account.isEmpty()) {
      byUser.recordFailure(userKey);
      byClient.recordFailure(clientKey);
      evictNowAndThen();
      throw new AuthenticationException(BAD_CREDENTIALS);
    }
    byUser.reset(userKey);
    var token = Tokens.newToken();
    var now = clock.instant();
    var session = new SessionToken(Tokens.hash(token), account.get().id(), now, now.plus(ttl));
    em.persist(session);
    return new Login(token, session.expiresAt(), account.get());
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
        .map(a -> new Authenticated(a, hash, session.expiresAt()));
  }

  /** Ends a session at once; later requests with its token get 401. */
  @Transactional
  public void revoke(String tokenHash) {
    var session = em.find(SessionToken.class, tokenHash);
    if (session != null) {
      session.revoke(clock.instant());
      revoked.fireAsync(new SessionRevoked(session.accountId(), tokenHash));
    }
  }

  /** Whether the session with this token hash is still valid (for long-lived sockets). */
  public boolean isStillValid(String tokenHash) {
    var session = em.find(SessionToken.class, tokenHash);
    return session != null && session.isValidAt(clock.instant());
  }

  private synchronized void evictNowAndThen() {
    if (++failuresSinceEviction >= THROTTLE_EVICT_EVERY) {
      failuresSinceEviction = 0;
      byUser.evictExpired();
      byClient.evictExpired();
    }
  }

  static long roundUpSeconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }
}
