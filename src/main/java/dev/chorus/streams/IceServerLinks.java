package dev.chorus.streams;

import dev.chorus.api.TurnCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The ICE servers as {@code Link: <url>; rel="ice-server"} header values (RFC 9725 §4.4), from the
 * same settings as {@code /api/ice-servers}: STUN URLs as configured, TURN URLs with credentials
 * minted for the caller (coturn's {@code use-auth-secret}). Without a caller, only STUN: TURN
 * credentials are never handed to someone unauthenticated.
 */
@ApplicationScoped
public class IceServerLinks {
  @Inject Clock clock;

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

  /** The Link values for {@code accountId} (null: STUN only). */
  List<String> links(String accountId) {
    var out = new ArrayList<String>();
    for (var url : split(stunUrls)) {
      out.add("<" + url + ">; rel=\"ice-server\"");
    }
    var turn = split(turnUrls);
    if (accountId != null && !turn.isEmpty() && turnSecret.isPresent()) {
      var credentials =
          TurnCredentials.mint(turnSecret.get(), accountId, clock.instant().plus(turnTtl));
      for (var url : turn) {
        out.add(
            "<"
                + url
                + ">; rel=\"ice-server\"; username=\""
                + credentials.username()
                + "\"; credential=\""
                + credentials.credential()
                + "\"; credential-type=\"password\"");
      }
    }
    return out;
  }

  private static List<String> split(Optional<String> commaSeparated) {
    return commaSeparated.stream()
        .flatMap(s -> Arrays.stream(s.split(",")))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }
}
