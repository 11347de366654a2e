package dev.chorus.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers that keep the page's own scripts the only ones that run: even if user text slipped into
 * HTML somewhere, an injected script would be blocked by the content security policy.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
          + "media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
          + "frame-ancestors 'none'; form-action 'self'";

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    res.setHeader("Content-Security-Policy", CSP);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "no-referrer");
    res.setHeader("X-Frame-Options", "DENY");
    // API answers are never cached. Static files keep the container's validators: forcing a
    // revalidation of every module on each load made reloads stall after a redeploy (see notes).
    if (req.getRequestURI().startsWith(req.getContextPath() + "/api/")) {
      res.setHeader("Cache-Control", "no-store");
    }
    chain.doFilter(req, res);
  }
}
