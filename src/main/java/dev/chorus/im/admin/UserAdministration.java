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
    var page = directory.search(q, limit, cursor);
    return new SummaryPage(page.items().stream().map(this::summary).toList(), page.nextCursor());
  }

  /**
   * @throws dev.chorus.im.common.NotFoundException for an unknown or deleted id
   */
  public UserSummary get(String id) {
    return summary(accountAdmin.require(id));
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
              return new Change(changed, ended);
            });
    closeSockets(id, result.ended());
    var summary = get(id);
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
    boolean changed = tx.call(() -> accountAdmin.enable(id));
    var summary = get(id);
    if (changed) {
      record(actor, "user.enabled", summary.account().username(), null);
    }
    return summary;
  }

  /** Deletes the account (a tombstone, see the class comment). */
  public void delete(Actor actor, String id) {
    var before = accountAdmin.require(id).username();
    var result =
        tx.call(
            () -> {
              accountAdmin.delete(actor.account(), id);
              var ended = sessions.revokeAll(id, clock.instant());
              return new Deletion(ended, rooms.release(id));
            });
    closeSockets(id, result.ended());
    rooms.announce(result.rooms());
    record(
        actor,
        "user.deleted",
        before,
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
    var ended =
        tx.call(
            () -> {
              accounts.applyPasswordChange(change);
              return sessions.revokeAll(id, clock.instant());
            });
    closeSockets(id, ended);
    record(
        actor,
        "password.reset",
        accountAdmin.require(id).username(),
        ended.size() + " sessions ended");
  }

  /** Logs the user out everywhere; how many sessions ended. */
  public int revokeSessions(Actor actor, String id) {
    var username = accountAdmin.require(id).username();
    var ended = tx.call(() -> sessions.revokeAll(id, clock.instant()));
    closeSockets(id, ended);
    record(actor, "sessions.revoked", username, ended.size() + " sessions ended");
    return ended.size();
  }

  public UserSummary grantAdmin(Actor actor, String id) {
    boolean changed = tx.call(() -> accountAdmin.grantAdmin(id));
    var summary = get(id);
    if (changed) {
      record(actor, "admin.granted", summary.account().username(), null);
    }
    return summary;
  }

  public UserSummary revokeAdmin(Actor actor, String id) {
    boolean changed = tx.call(() -> accountAdmin.revokeAdmin(actor.account(), id));
    var summary = get(id);
    if (changed) {
      record(actor, "admin.revoked", summary.account().username(), null);
    }
    return summary;
  }

  private record Change(boolean changed, Set<String> ended) {}

  private record Deletion(Set<String> ended, RoomsOfDeletedAccount.Outcome rooms) {}

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
