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
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code /api/ice-servers}: what the page passes to {@code RTCPeerConnection}. STUN URLs as
 * configured; TURN URLs with credentials minted per user that expire after {@code chorus.turn.ttl}.
 * With nothing configured the list is empty, which is fine on a flat intranet.
 */
@Path("ice-servers")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class IceServersResource {
  @Inject CurrentUser currentUser;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "chorus.stun.urls")
  Optional<List<String>> stunUrls;

  @Inject
  @ConfigProperty(name = "chorus.turn.urls")
  Optional<List<String>> turnUrls;

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
  public IceConfiguration get() {
    var servers = new ArrayList<IceServer>();
    stunUrls.filter(u -> !u.isEmpty()).ifPresent(u -> servers.add(new IceServer(u, null, null)));
    String expiresAt = null;
    if (turnUrls.isPresent() && !turnUrls.get().isEmpty() && turnSecret.isPresent()) {
      var expiry = clock.instant().plus(turnTtl);
      var credentials = TurnCredentials.mint(turnSecret.get(), currentUser.account().id(), expiry);
      servers.add(new IceServer(turnUrls.get(), credentials.username(), credentials.credential()));
      expiresAt = expiry.toString();
    }
    return new IceConfiguration(servers, relayOnly ? "relay" : "all", expiresAt);
  }
}
