package dev.chorus.signaling;

import dev.chorus.im.common.DomainException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * Routes each client message to the one {@link SocketHandler} for its type, after its rate limit
 * ({@link SocketRateLimits}). A type without a rate limit stops the deployment.
 */
@ApplicationScoped
public class SocketRouter {
  @Inject Instance<SocketHandler> handlers;
  @Inject Clock clock;
  @Inject Config config;

  private Map<String, SocketHandler> routes;
  private SocketRateLimits limits;

  @PostConstruct
  void init() {
    var map = new HashMap<String, SocketHandler>();
    for (var h : handlers) {
      for (var type : h.types()) {
        if (map.put(type, h) != null) {
          throw new IllegalStateException("two handlers for socket message type " + type);
        }
      }
    }
    var unlimited = SocketRateLimits.missing(map.keySet());
    if (!unlimited.isEmpty()) {
      throw new IllegalStateException(
          "socket message types without a rate limit in SocketRateLimits: " + unlimited);
    }
    routes = Map.copyOf(map);
    limits =
        new SocketRateLimits(
            clock, type -> config.getOptionalValue("chorus.socket.rate." + type, String.class));
  }

  /** Every client message type that has a handler (the protocol test compares it to the docs). */
  public Set<String> types() {
    return routes.keySet();
  }

  void route(Connection from, Envelope message) throws SocketError {
    var handler = routes.get(message.type());
    if (handler == null) {
      // Echo at most a short prefix: a 60 KB type must not come back as a 60 KB error.
      var type = message.type();
      var shown = type.length() > 64 ? type.substring(0, 64) + "…" : type;
      throw new SocketError(message.id(), "unknown_type", "Unknown message type '" + shown + "'.");
    }
    limits.acquire(from.accountId(), message);
    try {
      handler.handle(from, message);
    } catch (DomainException e) {
      // A handler may let the domain's failure through: it answers with the shared code.
      throw SocketError.of(message.id(), e);
    }
  }
}
