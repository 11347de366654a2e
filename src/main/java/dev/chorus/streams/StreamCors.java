package dev.chorus.streams;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * CORS for the WHIP and WHEP endpoints and the list of streams (RFC 9725 §4.6: a player or
 * publisher page may live on another origin), on every answer of those paths, errors and 405s
 * included. Origins from {@code chorus.streams.allowed-origins} (comma-separated, default {@code
 * *}); credentials are bearer headers, never cookies, so no {@code Allow-Credentials}.
 */
@Provider
public class StreamCors implements ContainerResponseFilter {
  /** {@code rooms/<id>/whip…} and {@code rooms/<id>/streams…}, relative to {@code /api}. */
  static final Pattern PATHS = Pattern.compile("/?rooms/[^/]+/(whip|streams)(/.*)?");

  static final String METHODS = "GET, POST, PATCH, DELETE, OPTIONS";
  static final String HEADERS = "Authorization, Content-Type, If-Match";
  static final String EXPOSED = "Location, ETag, Link, Accept-Patch, Accept-Post, Retry-After";

  @Inject
  @ConfigProperty(name = "chorus.streams.allowed-origins", defaultValue = "*")
  String allowedOrigins;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!PATHS.matcher(request.getUriInfo().getPath()).matches()) {
      return;
    }
    var origin = request.getHeaderString("Origin");
    var allowed = allowed(origin);
    if (allowed.isEmpty()) {
      return;
    }
    var h = response.getHeaders();
    h.putSingle("Access-Control-Allow-Origin", allowed.get());
    if (!allowed.get().equals("*")) {
      h.add("Vary", "Origin");
    }
    h.putSingle("Access-Control-Allow-Methods", METHODS);
    h.putSingle("Access-Control-Allow-Headers", HEADERS);
    h.putSingle("Access-Control-Expose-Headers", EXPOSED);
    h.putSingle("Access-Control-Max-Age", "600");
  }

  private Optional<String> allowed(String origin) {
    var list = Arrays.stream(allowedOrigins.split(",")).map(String::strip).toList();
    if (list.contains("*")) {
      return Optional.of("*");
    }
    return origin != null && list.contains(origin) ? Optional.of(origin) : Optional.empty();
  }
}
