package dev.chorus.im.admin;

import dev.chorus.im.account.Account;
import dev.chorus.im.account.AccountAdmin;
import dev.chorus.im.account.AccountService;
import dev.chorus.im.account.AdminPolicy;
import dev.chorus.im.account.UserDirectory;
import dev.chorus.im.account.UserRef;
import dev.chorus.im.audit.AuditEvent;
import dev.chorus.im.presence.PresenceService;
import dev.chorus.im.presence.PresenceStatus;
import dev.chorus.im.room.RoomsOfDeletedAccount;
import dev.chorus.im.session.AllSessionsRevoked;
import dev.chorus.im.session.SessionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Set;

/**
 * What an administrator does to accounts. Every change runs in one {@link AdminTransaction}
 * (account, sessions, rooms together); after it committed the user's sockets are closed ({@link
 * AllSessionsRevoked}, handled by the socket layer), rooms are told, and an {@link AuditEvent}
 * records who did what from where. A request that changes nothing (disabling a disabled account)
 * succeeds and is not audited.
 *
 * <p>Deleting an account keeps it as a tombstone: renamed {@code deleted-…}, display name "Deleted
 * user", unable to log in; its messages and conversations stay (shown as from "Deleted user"), its
 * rooms pass to another member or are deleted when it was alone (see {@link
 * RoomsOfDeletedAccount}).
 */
@ApplicationScoped
public class UserAdministration {
  @Inject AccountService accounts;
  @Inject AccountAdmin accountAdmin;
  @Inject AdminPolicy policy;
  @Inject UserDirectory directory;
  @Inject SessionStore sessions;
  @Inject PresenceService presence;
  @Inject RoomsOfDeletedAccount rooms;
  @Inject AdminTransaction tx;
  @Inject Event<AllSessionsRevoked> revokedAll;
  @Inject Event<AuditEvent> audit;
  @Inject Clock clock;

  /** An account as an administrator sees it. */
  public record UserSummary(Account account, boolean admin, boolean online) {}

  /** Who acts and from which client address (null if unknown). */
  public record Actor(Account account, String address) {
    UserRef ref() {
      return UserRef.of(account);
    }
  }

  public record SummaryPage(java.util.List<UserSummary> items, java.util.Optional<String> next) {}

  public SummaryPage search(String q, Integer limit, String cursor) {
    return tx.call(
        () -> {
          var page = directory.search(q, limit, cursor);
          return new SummaryPage(
              page.items().stream().map(this::summary).toList(), page.nextCursor());
        });
  }

  /**
   * @throws dev.chorus.im.common.NotFoundException for an unknown or deleted id
   */
  public UserSummary get(String id) {
    // Always in a transaction: after an earlier one in the same request, Payara would hand a
    // non-transactional read an entity manager that is already closed.
    return tx.call(() -> summary(accountAdmin.require(id)));
  }

  public UserSummary create(Actor actor, String username, String password, String displayName) {
    var account = accounts.createByAdmin(username, password, displayName);
    record(actor, "user.created", account.username(), null);
    return summary(account);
  }

  public UserSummary disable(Actor actor, String id) {
    var result =
        tx.call(
            () -> {
              var changed = accountAdmin.disable(actor.account(), id);
              var ended = sessions.revokeAll(id, clock.instant());
              return new Change(changed, ended, summary(accountAdmin.require(id)));
            });
    closeSockets(id, result.ended());
    var summary = result.summary();
    if (result.changed()) {
      record(
          actor,
          "user.disabled",
          summary.account().username(),
          result.ended().size() + " sessions ended");
    }
    return summary;
  }

  public UserSummary enable(Actor actor, String id) {
    var change =
        tx.call(
            () -> new Change(accountAdmin.enable(id), Set.of(), summary(accountAdmin.require(id))));
    var summary = change.summary();
    if (change.changed()) {
      record(actor, "user.enabled", summary.account().username(), null);
    }
    return summary;
  }

  /** Deletes the account (a tombstone, see the class comment). */
  public void delete(Actor actor, String id) {
    var result =
        tx.call(
            () -> {
              var username = accountAdmin.require(id).username();
              accountAdmin.delete(actor.account(), id);
              var ended = sessions.revokeAll(id, clock.instant());
              return new Deletion(username, ended, rooms.release(id));
            });
    closeSockets(id, result.ended());
    rooms.announce(result.rooms());
    record(
        actor,
        "user.deleted",
        result.username(),
        "id "
            + id
            + "; rooms handed over: "
            + result.rooms().handedOver().size()
            + ", rooms deleted: "
            + result.rooms().deleted().size());
  }

  /** Sets a new password and ends every session (the old password must not keep anyone in). */
  public void resetPassword(Actor actor, String id, String password) {
    var change = accounts.preparePasswordReset(id, password);
    var result =
        tx.call(
            () -> {
              accounts.applyPasswordChange(change);
              var ended = sessions.revokeAll(id, clock.instant());
              return new Change(true, ended, summary(accountAdmin.require(id)));
            });
    closeSockets(id, result.ended());
    record(
        actor,
        "password.reset",
        result.summary().account().username(),
        result.ended().size() + " sessions ended");
  }

  /** Logs the user out everywhere; how many sessions ended. */
  public int revokeSessions(Actor actor, String id) {
    var result =
        tx.call(
            () -> {
              var summary = summary(accountAdmin.require(id));
              return new Change(true, sessions.revokeAll(id, clock.instant()), summary);
            });
    closeSockets(id, result.ended());
    record(
        actor,
        "sessions.revoked",
        result.summary().account().username(),
        result.ended().size() + " sessions ended");
    return result.ended().size();
  }

  public UserSummary grantAdmin(Actor actor, String id) {
    var change =
        tx.call(
            () ->
                new Change(
                    accountAdmin.grantAdmin(id), Set.of(), summary(accountAdmin.require(id))));
    var summary = change.summary();
    if (change.changed()) {
      record(actor, "admin.granted", summary.account().username(), null);
    }
    return summary;
  }

  public UserSummary revokeAdmin(Actor actor, String id) {
    var change =
        tx.call(
            () ->
                new Change(
                    accountAdmin.revokeAdmin(actor.account(), id),
                    Set.of(),
                    summary(accountAdmin.require(id))));
    var summary = change.summary();
    if (change.changed()) {
      record(actor, "admin.revoked", summary.account().username(), null);
    }
    return summary;
  }

  /** What one transaction did: whether it changed anything, which sessions ended, the result. */
  private record Change(boolean changed, Set<String> ended, UserSummary summary) {}

  private record Deletion(
      String username, Set<String> ended, RoomsOfDeletedAccount.Outcome rooms) {}

  private UserSummary summary(Account a) {
    return new UserSummary(a, policy.isAdmin(a), presence.status(a.id()) != PresenceStatus.OFFLINE);
  }

  private void closeSockets(String accountId, Set<String> ended) {
    if (!ended.isEmpty()) {
      revokedAll.fireAsync(new AllSessionsRevoked(accountId, ended));
    }
  }

  private void record(Actor actor, String action, String target, String detail) {
    audit.fire(new AuditEvent(actor.ref(), action, target, detail, actor.address()));
  }
}
