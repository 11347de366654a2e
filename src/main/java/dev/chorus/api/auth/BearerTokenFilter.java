package dev.chorus.api.auth;

import dev.chorus.im.common.AuthenticationException;
import dev.chorus.im.session.SessionService;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/** Refuses {@link Authenticated} requests without a valid, unexpired, unrevoked bearer token. */
@Provider
@Authenticated
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenFilter implements ContainerRequestFilter {
  private static final String PREFIX = "Bearer ";

  @Inject SessionService sessions;
  @Inject CurrentUser currentUser;

  @Override
  public void filter(ContainerRequestContext request) {
    var header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      throw new AuthenticationException(
          "Log in first: this needs an 'Authorization: Bearer' token.");
    }
    var token = header.substring(PREFIX.length()).strip();
    var session =
        sessions
            .verify(token)
            .orElseThrow(
                () ->
                    new AuthenticationException(
                        "Your session is invalid or has expired. Log in again."));
    currentUser.set(session);
  }
}
