package dev.chorus.api.error;

import dev.chorus.api.dto.Problem;
import dev.chorus.im.common.AuthenticationException;
import dev.chorus.im.common.ConflictException;
import dev.chorus.im.common.DomainException;
import dev.chorus.im.common.ForbiddenException;
import dev.chorus.im.common.NotFoundException;
import dev.chorus.im.common.OverloadedException;
import dev.chorus.im.common.ThrottledException;
import dev.chorus.im.common.ValidationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** One HTTP status per kind of domain failure; the message is the problem's detail. */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {
  @Override
  public Response toResponse(DomainException e) {
    int status = statusOf(e);
    var errors = e instanceof ValidationException v ? v.errors() : null;
    var response = Problems.response(new Problem(status, e.title(), e.getMessage(), errors));
    if (e instanceof AuthenticationException) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"chorus\"");
    }
    if (e instanceof ThrottledException t) {
      response.header(
          HttpHeaders.RETRY_AFTER, Math.max(1, (t.retryAfter().toMillis() + 999) / 1000));
    }
    if (e instanceof OverloadedException o) {
      response.header(
          HttpHeaders.RETRY_AFTER, Math.max(1, (o.retryAfter().toMillis() + 999) / 1000));
    }
    return response.build();
  }

  static int statusOf(DomainException e) {
    if (e instanceof ValidationException) {
      return 400;
    } else if (e instanceof AuthenticationException) {
      return 401;
    } else if (e instanceof ForbiddenException) {
      return 403;
    } else if (e instanceof NotFoundException) {
      return 404;
    } else if (e instanceof ConflictException) {
      return 409;
    } else if (e instanceof ThrottledException) {
      return 429;
    } else if (e instanceof OverloadedException) {
      return 503;
    }
    throw new IllegalStateException("DomainException is sealed; unmapped: " + e.getClass());
  }
}
