package dev.chorus.signaling;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Where a socket came from and with which browser, for the operators' list of live connections.
 * Jakarta WebSocket hands the endpoint no client address, so this filter on {@code /ws} remembers
 * the servlet request's address for the length of the request, and {@link Configurator} copies it
 * (with the User-Agent header) into the socket's user properties during the handshake, which the
 * WebSocket implementation runs inside the request. If an implementation upgrades before this
 * filter runs, the address is simply unknown (null); nothing else depends on it.
 */
@WebFilter(urlPatterns = "/ws", asyncSupported = true)
public class HandshakeDetails extends HttpFilter {
  static final String ADDRESS = "chorus.address";
  static final String USER_AGENT = "chorus.userAgent";
  private static final int MAX_USER_AGENT = 300;
  private static final ThreadLocal<String> ADDRESS_OF_REQUEST = new ThreadLocal<>();

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    ADDRESS_OF_REQUEST.set(req.getRemoteAddr());
    try {
      chain.doFilter(req, res);
    } finally {
      ADDRESS_OF_REQUEST.remove(); // pooled request threads must not keep another client's address
    }
  }

  /**
   * Copies the address and User-Agent into the per-handshake user properties, which become the
   * session's; the endpoint instance still comes from the container (CDI injection included).
   */
  public static class Configurator extends ServerEndpointConfig.Configurator {
    @Override
    public void modifyHandshake(
        ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
      var props = sec.getUserProperties();
      var agent = first(request.getHeaders().get("User-Agent"));
      if (agent == null) {
        agent = first(request.getHeaders().get("user-agent"));
      }
      // Capped: a header is the client's to fill and the list is kept for every open socket.
      var capped =
          agent == null || agent.length() <= MAX_USER_AGENT
              ? agent
              : agent.substring(0, MAX_USER_AGENT);
      // Always both, so no value of an earlier handshake can linger in the properties.
      putOrRemove(props, ADDRESS, ADDRESS_OF_REQUEST.get());
      putOrRemove(props, USER_AGENT, capped);
    }

    private static void putOrRemove(Map<String, Object> props, String key, String value) {
      if (value == null) {
        props.remove(key);
      } else {
        props.put(key, value);
      }
    }

    private static String first(List<String> values) {
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }
}
