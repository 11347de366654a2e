package dev.chorus.api;

import dev.chorus.api.auth.Authenticated;
import dev.chorus.api.auth.CurrentUser;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
  @Inject Clock clock;

  // Comma-separated strings: Payara's config producer cannot inject Optional<List<String>>.
  @Inject
  @ConfigProperty(name = "chorus.stun.urls")
  Optional<String> stunUrls;

  @Inject
  @ConfigProperty(name = "chorus.turn.urls")
  Optional<String> turnUrls;

  @Inject
  @ConfigProperty(name = "chorus.turn.secret")
  Optional<String> turnSecret;

  @Inject
  @ConfigProperty(name = "chorus.turn.ttl", defaultValue = "PT12H")
  Duration turnTtl;

  @Inject
  @ConfigProperty(name = "chorus.ice.relay-only", defaultValue = "false")
  boolean relayOnly;

  /** One entry of {@code RTCConfiguration.iceServers}. */
  public record IceServer(List<String> urls, String username, String credential) {}

  /** The page's RTCConfiguration essentials; {@code expiresAt} tells it when to fetch again. */
  public record IceConfiguration(
      List<IceServer> iceServers, String iceTransportPolicy, String expiresAt) {}

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
    var servers = new ArrayList<IceServer>();
    var stun = split(stunUrls);
    if (!stun.isEmpty()) {
      servers.add(new IceServer(stun, null, null));
    }
    var turn = split(turnUrls);
    String expiresAt = null;
    if (!turn.isEmpty() && turnSecret.isPresent()) {
      var expiry = clock.instant().plus(turnTtl);
      var credentials = TurnCredentials.mint(turnSecret.get(), currentUser.account().id(), expiry);
      servers.add(new IceServer(turn, credentials.username(), credentials.credential()));
      expiresAt = expiry.toString();
    }
    return new IceConfiguration(servers, relayOnly ? "relay" : "all", expiresAt);
  }

  private static List<String> split(Optional<String> commaSeparated) {
    return commaSeparated.stream()
        .flatMap(s -> Arrays.stream(s.split(",")))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }
}
