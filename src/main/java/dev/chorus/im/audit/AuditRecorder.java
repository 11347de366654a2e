package dev.chorus.im.audit;

import dev.chorus.im.room.RoomAdministration;
import dev.chorus.im.room.RoomEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes every {@link AuditEvent} once the transaction of the action it records has committed (at
 * once when it was fired outside one), and turns room kicks and bans into audit entries. A failed
 * write is logged and never fails the action that was already done.
 */
@ApplicationScoped
public class AuditRecorder {
  private static final Logger LOG = Logger.getLogger(AuditRecorder.class.getName());

  @Inject AuditLog log;

  void onAudit(@Observes(during = TransactionPhase.AFTER_SUCCESS) AuditEvent event) {
    try {
      log.record(event);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not store audit entry " + event.action(), e);
    }
  }

  /**
   * A moderator's kick or ban. An administrator's removal is not one: the admin API records it
   * itself as {@code room.member_removed}, with the administrator's address.
   */
  void onRoomEvent(@Observes(during = TransactionPhase.AFTER_SUCCESS) RoomEvent event) {
    if (event instanceof RoomEvent.MemberRemoved removed
        && !RoomAdministration.REMOVED_REASON.equals(removed.reason())) {
      onAudit(
          new AuditEvent(
              removed.by(),
              removed.banned() ? "room.banned" : "room.kicked",
              removed.user().username() + " in room " + removed.roomId(),
              removed.reason() == null ? null : "reason: " + removed.reason(),
              null));
    }
  }
}
