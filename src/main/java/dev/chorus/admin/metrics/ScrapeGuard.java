package dev.chorus.admin.metrics;

import dev.chorus.im.common.AuthenticationException;
import dev.chorus.im.common.ForbiddenException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Applies {@link ScrapeAccess} with this server's configuration to scrape requests. */
@ApplicationScoped
public class ScrapeGuard {
  private static final Logger LOG = Logger.getLogger(ScrapeGuard.class.getName());

  @Inject
  @ConfigProperty(name = "chorus.metrics.token")
  Optional<String> token;

  @Inject
  @ConfigProperty(name = "chorus.metrics.allow", defaultValue = AddressAllowList.LOOPBACK)
  String allow;

  private ScrapeAccess access;

  @PostConstruct
  void init() {
    AddressAllowList allowList;
    try {
      allowList = AddressAllowList.parse(allow);
    } catch (IllegalArgumentException e) {
      // Fail closed: a typo must not open the metrics to everyone.
      LOG.severe("chorus.metrics.allow is invalid (" + e.getMessage() + "); no address allowed");
      allowList = AddressAllowList.parse("none");
    }
    access = new ScrapeAccess(token, allowList);
    LOG.info(
        "Metrics at /api/metrics: scrape token "
            + (access.tokenConfigured() ? "set" : "not set")
            + ", addresses allowed without it: "
            + allowList);
  }

  /**
   * Returns if the request may scrape.
   *
   * @throws AuthenticationException 401: a token is configured and was not presented
   * @throws ForbiddenException 403: no token configured and the address is not allowed
   */
  void check(String authorization, String remoteAddress) {
    var decision = access.decide(authorization, address(remoteAddress));
    switch (decision) {
      case ALLOWED -> {}
      case UNAUTHORIZED ->
          throw new AuthenticationException(
              "Send the scrape token (chorus.metrics.token) as 'Authorization: Bearer <token>'.");
      case FORBIDDEN ->
          throw new ForbiddenException(
              "metrics_forbidden",
              "Your address may not read the metrics: see chorus.metrics.allow.");
    }
  }

  private static InetAddress address(String remote) {
    if (remote == null) {
      return null;
    }
    try {
      // The servlet container gives an IP literal here, so this resolves nothing.
      return InetAddress.getByName(remote);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
