package dev.chorus.api.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body that is not JSON, or not of the expected shape (JSON-B's own failure). */
@Provider
public class JsonExceptionMapper implements ExceptionMapper<jakarta.json.bind.JsonbException> {
  static final String DETAIL = "The body is not valid JSON of the expected shape.";

  @Override
  public Response toResponse(jakarta.json.bind.JsonbException e) {
    return Problems.of(400, "Bad request", DETAIL);
  }
}
