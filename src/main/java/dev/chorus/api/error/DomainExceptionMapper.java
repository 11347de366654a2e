package dev.chorus.api.error;

import dev.chorus.api.dto.Problem;
import dev.chorus.im.common.DomainException;
import dev.chorus.im.common.Failure;
import dev.chorus.im.common.RetryLater;
import dev.chorus.im.common.ValidationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A domain failure as a problem body: the status of its kind ({@link FailureStatus}), its machine
 * code (the same the socket sends), and its message as the detail.
 */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {
  @Override
  public Response toResponse(DomainException e) {
    int status = FailureStatus.of(e.failure());
    var errors = e instanceof ValidationException v ? v.errors() : null;
    var response =
        Problems.response(new Problem(status, e.title(), e.getMessage(), errors, e.code()));
    if (e.failure() == Failure.UNAUTHORIZED) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"chorus\"");
    }
    if (e instanceof RetryLater later) {
      response.header(
          HttpHeaders.RETRY_AFTER, Math.max(1, (later.retryAfter().toMillis() + 999) / 1000));
    }
    return response.build();
  }
}
