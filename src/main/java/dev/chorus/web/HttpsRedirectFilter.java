package dev.chorus.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends plain-HTTP requests to the same address on HTTPS when {@code chorus.https.port} is set (the
 * README's run command sets it). Left unset when TLS ends at a proxy in front of the server.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class HttpsRedirectFilter extends HttpFilter {
  @Inject
  @ConfigProperty(name = "chorus.https.port")
  Optional<Integer> httpsPort;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (req.isSecure() || httpsPort.isEmpty()) {
      chain.doFilter(req, res);
      return;
    }
    var target = new StringBuilder("https://").append(req.getServerName());
    if (httpsPort.get() != 443) {
      target.append(':').append(httpsPort.get());
    }
    target.append(req.getRequestURI());
    if (req.getQueryString() != null) {
      target.append('?').append(req.getQueryString());
    }
    boolean safe = "GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod());
    // 308 keeps the method and body of a POST; 301 is what every client knows for a GET.
    res.setStatus(safe ? HttpServletResponse.SC_MOVED_PERMANENTLY : 308);
    res.setHeader("Location", target.toString());
  }
}
