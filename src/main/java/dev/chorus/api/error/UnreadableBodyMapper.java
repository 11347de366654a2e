package dev.chorus.api.error;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The JAX-RS runtime could not turn the request body into the parameter (Jersey wraps JSON-B's
 * failure in this).
 */
@Provider
public class UnreadableBodyMapper implements ExceptionMapper<ProcessingException> {
  @Override
  public Response toResponse(ProcessingException e) {
    return Problems.of(400, "Bad request", JsonExceptionMapper.DETAIL);
  }
}
