package dev.chorus.admin;

import dev.chorus.api.ChorusApplication;
import dev.chorus.api.auth.Authenticated;
import dev.chorus.api.auth.CurrentUser;
import dev.chorus.signaling.Connections;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/admin/sockets} (administrators only): open and unauthenticated sockets, what
 * waits in their outbound queues now and the most one ever held (bounded by the per-socket cap),
 * how many were closed as too slow or on a failed send, and the limits in force.
 */
@Path("admin/sockets")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "admin")
@SecurityRequirement(name = ChorusApplication.BEARER)
public class SocketStatsResource {
  @Inject CurrentUser currentUser;
  @Inject Connections connections;

  @GET
  @Operation(summary = "Open sockets, their queues, slow-consumer closes and limits")
  @APIResponse(
      responseCode = "200",
      description = "The figures now",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Connections.Stats.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  public Connections.Stats get() {
    currentUser.requireAdmin();
    return connections.stats();
  }
}
