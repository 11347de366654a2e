package dev.chorus.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The configured ICE servers, read in one place for {@code /api/ice-servers} (the page's
 * RTCConfiguration) and the WHIP/WHEP {@code Link} headers: STUN URLs as configured ({@code
 * chorus.stun.urls}), TURN URLs ({@code chorus.turn.urls}) with credentials minted per account from
 * {@code chorus.turn.secret} that expire after {@code chorus.turn.ttl}.
 */
@ApplicationScoped
public class IceServers {
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

  /** One entry of {@code RTCConfiguration.iceServers}; STUN has no username or credential. */
  public record IceServer(List<String> urls, String username, String credential) {}

  /** The servers for one account, and when its TURN credentials expire (null: no TURN). */
  public record ForAccount(List<IceServer> servers, Instant expiresAt) {}

  /**
   * STUN as configured, and TURN with credentials for {@code accountId}; with a null account only
   * STUN: TURN credentials never go to someone unauthenticated.
   */
  public ForAccount forAccount(String accountId) {
    var servers = new ArrayList<IceServer>();
    var stun = split(stunUrls);
    if (!stun.isEmpty()) {
      servers.add(new IceServer(stun, null, null));
    }
    var turn = split(turnUrls);
    Instant expiresAt = null;
    if (accountId != null && !turn.isEmpty() && turnSecret.isPresent()) {
      expiresAt = clock.instant().plus(turnTtl);
      var credentials = TurnCredentials.mint(turnSecret.get(), accountId, expiresAt);
      servers.add(new IceServer(turn, credentials.username(), credentials.credential()));
    }
    return new ForAccount(List.copyOf(servers), expiresAt);
  }

  private static List<String> split(Optional<String> commaSeparated) {
    return commaSeparated.stream()
        .flatMap(s -> Arrays.stream(s.split(",")))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }
}
