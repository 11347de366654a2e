package dev.chorus.streams;

import dev.chorus.api.IceServers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * The ICE servers as {@code Link: <url>; rel="ice-server"} header values (RFC 9725 §4.4), from the
 * same settings as {@code /api/ice-servers}: STUN URLs as configured, TURN URLs with credentials
 * minted for the caller (coturn's {@code use-auth-secret}). Without a caller, only STUN: TURN
 * credentials are never handed to someone unauthenticated.
 */
@ApplicationScoped
public class IceServerLinks {
  @Inject IceServers iceServers;

  /** The Link values for {@code accountId} (null: STUN only). */
  List<String> links(String accountId) {
    var out = new ArrayList<String>();
    for (var server : iceServers.forAccount(accountId).servers()) {
      var credentials =
          server.username() == null
              ? ""
              : "; username=\""
                  + server.username()
                  + "\"; credential=\""
                  + server.credential()
                  + "\"; credential-type=\"password\"";
      for (var url : server.urls()) {
        out.add("<" + url + ">; rel=\"ice-server\"" + credentials);
      }
    }
    return out;
  }
}
