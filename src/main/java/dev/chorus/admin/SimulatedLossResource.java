package dev.chorus.admin;

import dev.chorus.api.auth.Authenticated;
import dev.chorus.api.auth.CurrentUser;
import dev.chorus.config.MediaEngineProvider;
import dev.chorus.im.account.UserRef;
import dev.chorus.im.audit.AuditEvent;
import dev.chorus.im.common.ConflictException;
import dev.chorus.im.common.ValidationException;
import dev.chorus.media.sfu.MediaEngine;
import dev.chorus.media.sfu.SimulatedLoss;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.logging.Logger;

/**
 * {@code GET|PUT /api/admin/media/simulated-loss} (administrators only): the diagnostics knob that
 * makes the SFU drop a share of the video it sends to subscribers, to watch NACK and RTX repair it
 * ({@link SimulatedLoss}). {@code PUT {"percent": 10}} turns it on, {@code {"percent": 0}} off; it
 * is off at every start.
 */
@Path("admin/media/simulated-loss")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class SimulatedLossResource {
  private static final Logger LOG = Logger.getLogger(SimulatedLossResource.class.getName());

  @Inject CurrentUser currentUser;
  @Inject MediaEngineProvider media;
  @Inject Event<AuditEvent> audit;
  @Context HttpServletRequest request;

  /** The body of a PUT. */
  public record Setting(Integer percent) {}

  /**
   * The knob now.
   *
   * @param percent share of the video packets to subscribers dropped, 0 = off
   * @param maxPercent the largest accepted setting
   * @param dropped packets dropped since the media engine started
   */
  public record View(int percent, int maxPercent, long dropped) {
    static View of(SimulatedLoss loss) {
      return new View(loss.percent(), SimulatedLoss.MAX_PERCENT, loss.dropped());
    }
  }

  @GET
  public View get() {
    currentUser.requireAdmin();
    return View.of(engine().simulatedLoss());
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public View set(Setting body) {
    var admin = currentUser.requireAdmin();
    Integer percent = body == null ? null : body.percent();
    if (percent == null || percent < 0 || percent > SimulatedLoss.MAX_PERCENT) {
      throw new ValidationException(
          "percent",
          "Send {\"percent\": n} with n from 0 (off) to " + SimulatedLoss.MAX_PERCENT + ".");
    }
    var loss = engine().simulatedLoss();
    loss.setPercent(percent);
    LOG.info(() -> "Simulated loss set to " + percent + " % by " + admin.username());
    audit.fire(
        new AuditEvent(
            UserRef.of(admin),
            "media.simulated_loss",
            null,
            percent + " %",
            request.getRemoteAddr()));
    return View.of(loss);
  }

  private MediaEngine engine() {
    return media
        .engine()
        .orElseThrow(() -> new ConflictException("The media server is not running."));
  }
}
