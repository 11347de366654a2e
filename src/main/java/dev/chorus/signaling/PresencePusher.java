package dev.chorus.signaling;

import dev.chorus.im.presence.PresenceChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Tells everyone online when someone else comes, goes, or changes status (after the commit, should
 * a change ever be announced inside a transaction).
 *
 * <p>A status is a state, not a message: queued under the user's key, a newer status replaces one a
 * tab has not been sent yet, and chat goes ahead of it. With 1,000 users online a tab that falls
 * behind holds at most one status per user instead of every change, and never waits for them to get
 * a chat line.
 */
@ApplicationScoped
public class PresencePusher {
  @Inject Connections connections;

  void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) PresenceChanged change) {
    var message =
        Wire.push("presence")
            .add("user", Wire.user(change.user()))
            .add("status", change.status().wire())
            .build();
    var self = change.user().id();
    var key = "presence:" + self;
    var text = message.toString(); // once, not once per socket online
    for (var c : connections.all()) {
      if (!c.accountId().equals(self)) {
        c.sendLatest(key, text);
      }
    }
  }
}
