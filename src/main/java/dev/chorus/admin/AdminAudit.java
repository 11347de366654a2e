package dev.chorus.admin;

import dev.chorus.im.account.Account;
import dev.chorus.im.account.UserRef;
import dev.chorus.im.audit.AuditEvent;
import dev.chorus.im.common.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Records an administrator's action in the audit log (who, what, on what, from where), after the
 * action committed: the resources call it once the domain call has returned. Also reads the page
 * limit the admin lists share.
 */
@ApplicationScoped
public class AdminAudit {
  @Inject Event<AuditEvent> audit;

  void record(
      Account admin, String action, String target, String detail, HttpServletRequest request) {
    audit.fire(
        new AuditEvent(
            UserRef.of(admin),
            action,
            target,
            detail,
            request == null ? null : request.getRemoteAddr()));
  }

  /** {@code limit} from a query string: {@code fallback} when absent, 1..{@code max} otherwise. */
  static int limit(String value, int fallback, int max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      var n = Integer.parseInt(value.strip());
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below, like an out-of-range number
    }
    throw new ValidationException("limit", "limit must be a whole number from 1 to " + max + ".");
  }
}
