package dev.chorus.signaling;

import dev.chorus.im.common.DomainException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Routes each client message to the one {@link SocketHandler} for its type. */
@ApplicationScoped
public class SocketRouter {
  @Inject Instance<SocketHandler> handlers;

  private Map<String, SocketHandler> routes;

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
    routes = Map.copyOf(map);
  }

  /** Every client message type that has a handler (the protocol test compares it to the docs). */
  public Set<String> types() {
    return routes.keySet();
  }

  void route(Connection from, Envelope message) throws SocketError {
    var handler = routes.get(message.type());
    if (handler == null) {
      throw new SocketError(
          message.id(), "unknown_type", "Unknown message type '" + message.type() + "'.");
    }
    try {
      handler.handle(from, message);
    } catch (DomainException e) {
      // A handler may let the domain's failure through: it answers with the shared code.
      throw SocketError.of(message.id(), e);
    }
  }
}
