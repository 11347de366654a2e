package dev.chorus.api;

import dev.chorus.api.auth.Authenticated;
import dev.chorus.api.auth.CurrentUser;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/ice-servers}: what the page passes to {@code RTCPeerConnection}. STUN URLs as
 * configured; TURN URLs with credentials minted per user that expire after {@code chorus.turn.ttl}.
 * With nothing configured the list is empty, which is fine on a flat intranet.
 */
@Path("ice-servers")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "media")
@SecurityRequirement(name = ChorusApplication.BEARER)
public class IceServersResource {
  @Inject CurrentUser currentUser;
  @Inject IceServers iceServers;

  @Inject
  @ConfigProperty(name = "chorus.ice.relay-only", defaultValue = "false")
  boolean relayOnly;

  /** The page's RTCConfiguration essentials; {@code expiresAt} tells it when to fetch again. */
  public record IceConfiguration(
      List<IceServers.IceServer> iceServers, String iceTransportPolicy, String expiresAt) {}

  @GET
  @Operation(
      summary = "ICE servers for RTCPeerConnection",
      description = "STUN as configured; TURN with credentials minted per user.")
  @APIResponse(
      responseCode = "200",
      description = "The RTCConfiguration essentials",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = IceConfiguration.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  public IceConfiguration get() {
    var forAccount = iceServers.forAccount(currentUser.account().id());
    var expiresAt = forAccount.expiresAt();
    return new IceConfiguration(
        forAccount.servers(),
        relayOnly ? "relay" : "all",
        expiresAt == null ? null : expiresAt.toString());
  }
}
