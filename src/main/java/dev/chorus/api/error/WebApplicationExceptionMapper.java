package dev.chorus.api.error;

import dev.chorus.api.dto.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The container's own refusals (unknown path, wrong method, unsupported media type, unreadable
 * body) as problem bodies instead of HTML pages.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
  @Override
  public Response toResponse(WebApplicationException e) {
    var original = e.getResponse();
    int status = original.getStatus();
    var info = Response.Status.fromStatusCode(status);
    var title = info != null ? info.getReasonPhrase() : "HTTP " + status;
    var builder = Problems.response(Problem.of(status, title, detail(status)));
    // Keep headers that tell the client what to do next (e.g. Allow on 405).
    original
        .getHeaders()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Content-Type")
                  && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> builder.header(name, v));
              }
            });
    return builder.build();
  }

  private static String detail(int status) {
    return switch (status) {
      case 400 -> "The request could not be read. Send a JSON body of the documented shape.";
      case 404 -> "There is nothing at this address.";
      case 405 -> "This address does not accept that method.";
      case 406 -> "This address answers with application/json only.";
      case 415 -> "Send the body as application/json.";
      default -> "The request could not be completed.";
    };
  }
}
