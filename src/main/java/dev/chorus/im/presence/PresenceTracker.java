package dev.chorus.im.presence;

import dev.chorus.im.account.UserRef;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Counts each user's open tabs. A user is online from their first tab and offline {@code grace}
 * after their last one closes, unless a tab comes back in between: a page reload then causes no
 * offline/online flicker for everyone else.
 *
 * <p>Plain Java, so it can be tested without a container. Changes are few and cheap, so one lock
 * guards the whole map; listeners are called outside it.
 */
public final class PresenceTracker {
  private final Duration grace;
  private final ScheduledExecutorService scheduler;
  private final Consumer<PresenceChanged> listener;
  private final Map<String, Entry> users = new HashMap<>();

  private static final class Entry {
    final UserRef user;
    int tabs;
    PresenceStatus status = PresenceStatus.ONLINE;
    ScheduledFuture<?> pendingOffline;

    Entry(UserRef user) {
      this.user = user;
    }
  }

  public PresenceTracker(
      Duration grace, ScheduledExecutorService scheduler, Consumer<PresenceChanged> listener) {
    this.grace = grace;
    this.scheduler = scheduler;
    this.listener = listener;
  }

  /** A tab of {@code user} connected. */
  public void connected(UserRef user) {
    PresenceChanged change = null;
    synchronized (users) {
      var entry = users.get(user.id());
      if (entry == null) {
        entry = new Entry(user);
        users.put(user.id(), entry);
        change = new PresenceChanged(user, entry.status);
      }
      entry.tabs++;
      if (entry.pendingOffline != null) {
        entry.pendingOffline.cancel(false);
        entry.pendingOffline = null;
      }
    }
    notify(change);
  }

  /** A tab of the user closed or died. */
  public void disconnected(String accountId) {
    UserRef gone;
    synchronized (users) {
      var entry = users.get(accountId);
      if (entry == null || --entry.tabs > 0) {
        return;
      }
      entry.tabs = 0;
      if (!grace.isZero()) {
        entry.pendingOffline =
            scheduler.schedule(() -> expire(accountId), grace.toMillis(), TimeUnit.MILLISECONDS);
        return;
      }
      users.remove(accountId);
      gone = entry.user;
    }
    notify(new PresenceChanged(gone, PresenceStatus.OFFLINE));
  }

  private void expire(String accountId) {
    Entry gone;
    synchronized (users) {
      gone = users.get(accountId);
      if (gone == null || gone.tabs > 0) {
        return;
      }
      users.remove(accountId);
    }
    notify(new PresenceChanged(gone.user, PresenceStatus.OFFLINE));
  }

  /** The user chose a status; ignored unless they are online. True if it changed. */
  public boolean setStatus(String accountId, PresenceStatus status) {
    PresenceChanged change;
    synchronized (users) {
      var entry = users.get(accountId);
      if (entry == null || entry.status == status) {
        return false;
      }
      entry.status = status;
      change = new PresenceChanged(entry.user, status);
    }
    notify(change);
    return true;
  }

  public PresenceStatus status(String accountId) {
    synchronized (users) {
      var entry = users.get(accountId);
      return entry == null ? PresenceStatus.OFFLINE : entry.status;
    }
  }

  /** Everyone online now. */
  public List<OnlineUser> online() {
    synchronized (users) {
      return users.values().stream().map(e -> new OnlineUser(e.user, e.status)).toList();
    }
  }

  private void notify(PresenceChanged change) {
    if (change != null) {
      listener.accept(change);
    }
  }
}
