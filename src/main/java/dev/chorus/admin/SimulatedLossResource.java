package dev.chorus.admin;

import dev.chorus.api.ChorusApplication;
import dev.chorus.api.auth.Authenticated;
import dev.chorus.api.auth.CurrentUser;
import dev.chorus.config.MediaEngineProvider;
import dev.chorus.im.account.UserRef;
import dev.chorus.im.audit.AuditEvent;
import dev.chorus.im.common.ConflictException;
import dev.chorus.im.common.ValidationException;
import dev.chorus.media.sfu.transport.MediaEngine;
import dev.chorus.media.sfu.transport.SimulatedLoss;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET|PUT /api/admin/media/simulated-loss} (administrators only): the diagnostics knob that
 * makes the SFU drop a share of the video it sends to subscribers, to watch NACK and RTX repair it
 * ({@link SimulatedLoss}). {@code PUT {"percent": 10}} turns it on, {@code {"percent": 0}} off; it
 * is off at every start.
 */
@Path("admin/media/simulated-loss")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "admin")
@SecurityRequirement(name = ChorusApplication.BEARER)
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
  @Operation(summary = "The simulated-loss knob")
  @APIResponse(
      responseCode = "200",
      description = "The setting and packets dropped",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = View.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "409", ref = "Conflict")
  public View get() {
    currentUser.requireAdmin();
    return View.of(engine().simulatedLoss());
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Set the simulated loss (0 turns it off)")
  @APIResponse(
      responseCode = "200",
      description = "The new setting",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = View.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "409", ref = "Conflict")
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
