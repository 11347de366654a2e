package dev.chorus.admin.metrics;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;

/**
 * Times every REST request by method, route template (e.g. {@code /api/rooms/{id}}, never the raw
 * path: one series per route, not per room) and status, and counts password logins and failures
 * from the outcome of {@code POST /api/sessions}, so the account services need not know of metrics.
 * Pre-matching, so it starts the clock before authentication and sees refused requests too.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RestMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {
  static final String LOGIN_ROUTE = "/api/sessions";
  private static final String STARTED = RestMetricsFilter.class.getName() + ".started";

  @Inject ChorusMetrics metrics;
  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(STARTED, System.nanoTime());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!(request.getProperty(STARTED) instanceof Long started)) {
      return;
    }
    var took = Duration.ofNanos(System.nanoTime() - started);
    var method = request.getMethod();
    var route = route(resource == null ? null : resource.getResourceClass(), resourceMethod());
    int status = response.getStatus();
    metrics.recordRequest(method, route, status, took);
    if (HttpMethod.POST.equals(method) && LOGIN_ROUTE.equals(route)) {
      loginOutcome(status).ifPresent(metrics::recordLogin);
    }
  }

  private Method resourceMethod() {
    return resource == null ? null : resource.getResourceMethod();
  }

  /**
   * The route template under {@code /api} of a resource method: its class's {@code @Path} then its
   * own; {@code unmatched} when no resource method matched (404, 405).
   */
  static String route(Class<?> resourceClass, Method method) {
    if (resourceClass == null || method == null) {
      return "unmatched";
    }
    var route = new StringBuilder("/api");
    append(route, path(resourceClass));
    append(route, method.getAnnotation(Path.class));
    return route.toString();
  }

  private static Path path(Class<?> type) {
    // A CDI proxy subclass carries no @Path of its own.
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      var path = ((AnnotatedElement) c).getAnnotation(Path.class);
      if (path != null) {
        return path;
      }
    }
    return null;
  }

  private static void append(StringBuilder route, Path path) {
    if (path == null) {
      return;
    }
    var value = path.value().replaceAll("^/+|/+$", "");
    if (!value.isEmpty()) {
      route.append('/').append(value);
    }
  }

  /**
   * Success for 2xx; failure when the server refused the credentials or the attempt (401, 403, 423,
   * 429); nothing for other answers (a malformed body is no login attempt).
   */
  static Optional<Boolean> loginOutcome(int status) {
    if (status >= 200 && status < 300) {
      return Optional.of(true);
    }
    return switch (status) {
      case 401, 403, 423, 429 -> Optional.of(false);
      default -> Optional.empty();
    };
  }
}
