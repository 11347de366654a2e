package dev.chorus.admin;

import dev.chorus.api.auth.Authenticated;
import dev.chorus.api.auth.CurrentUser;
import dev.chorus.api.dto.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/admin/server} (administrators only): the server's figures now and one sample
 * every 10 s over the last hour ({@link ServerSampler}), for the admin page's charts.
 */
@Path("admin/server")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "admin")
// "bearer": the scheme ChorusApplication declares (this package may not use api internals)
@SecurityRequirement(name = "bearer")
public class ServerStatsResource {
  @Inject CurrentUser currentUser;
  @Inject ServerSampler sampler;

  /** The figures now, and the last hour's samples oldest first. */
  public record ServerStats(ServerSample now, List<ServerSample> lastHour) {}

  @GET
  @Operation(
      summary = "The server's figures now and over the last hour",
      description =
          "Users online, sockets, active rooms, transports, producers, consumers, bitrate, packets"
              + " per second, packet loss and errors; lastHour holds a sample every 10 s.")
  @APIResponse(
      responseCode = "200",
      description = "The figures",
      content = @Content(schema = @Schema(implementation = ServerStats.class)))
  @APIResponse(
      responseCode = "403",
      description = "Not a Chorus administrator",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  public ServerStats get() {
    currentUser.requireAdmin();
    return new ServerStats(sampler.now(), sampler.lastHour());
  }
}
