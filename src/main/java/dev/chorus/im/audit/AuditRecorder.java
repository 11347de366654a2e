package dev.chorus.im.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes every {@link AuditEvent} once the transaction of the action it records has committed (at
 * once when it was fired outside one). A failed write is logged and never fails the action that was
 * already done.
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
}
