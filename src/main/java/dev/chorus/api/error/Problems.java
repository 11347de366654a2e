package dev.chorus.api.error;

import dev.chorus.api.dto.Problem;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds problem responses. */
final class Problems {
  private Problems() {}

  static Response.ResponseBuilder response(Problem problem) {
    return Response.status(problem.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(problem);
  }

  static Response of(int status, String title, String detail) {
    return response(Problem.of(status, title, detail)).build();
  }
}
