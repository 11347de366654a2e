package dev.chorus.streams;

import dev.chorus.api.dto.Problem;
import dev.chorus.im.common.DomainException;
import dev.chorus.im.common.RetryLater;
import dev.chorus.signaling.media.MediaRefused;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The problem answers of the WHIP and WHEP endpoints (docs/streams.md, "Errors"): each refusal's
 * status, its machine code (as the socket's), and the headers that tell a client what to do next.
 */
final class StreamProblems {
  private StreamProblems() {}

  /** The HTTP status of a room media refusal. */
  static int status(String code) {
    return switch (code) {
      case "bad_sdp", "bad_sdpfrag", "bad_request" -> 400;
      case "no_such_stream", "no_such_session", "not_found", "not_in_session" -> 404;
      case "unsupported_codec", "too_many_tracks" -> 406;
      case "media_limit" -> 409;
      case "stale_etag" -> 412;
      case "too_large" -> 413;
      case "unsupported_media_type" -> 415;
      case "dtls_role", "ice_restart_unsupported" -> 422;
      case "precondition_required" -> 428;
      case "rate_limited" -> 429;
      case "media_unavailable" -> 503;
      default -> 400;
    };
  }

  static Response of(MediaRefused e) {
    return of(status(e.code()), e.code(), e.getMessage());
  }

  static Response of(StreamRefusal e) {
    return of(e.status(), e.code(), e.getMessage());
  }

  static Response of(DomainException e) {
    int status =
        switch (e.failure()) {
          case BAD_REQUEST -> 400;
          case UNAUTHORIZED -> 401;
          case FORBIDDEN -> 403;
          case NOT_FOUND -> 404;
          case CONFLICT -> 409;
          case RATE_LIMITED -> 429;
          case UNAVAILABLE -> 503;
        };
    var response = builder(status, e.code(), e.getMessage());
    if (e instanceof RetryLater later) {
      response.header(
          HttpHeaders.RETRY_AFTER, Math.max(1, (later.retryAfter().toMillis() + 999) / 1000));
    }
    return response.build();
  }

  static Response of(int status, String code, String detail) {
    return builder(status, code, detail).build();
  }

  private static Response.ResponseBuilder builder(int status, String code, String detail) {
    var info = Response.Status.fromStatusCode(status);
    var title =
        switch (status) {
          case 422 -> "Unprocessable Content";
          case 428 -> "Precondition Required";
          default -> info != null ? info.getReasonPhrase() : "HTTP " + status;
        };
    var b =
        Response.status(status)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(new Problem(status, title, detail, null, code));
    if (status == 401) {
      b.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"chorus\"");
    }
    if (status == 503) {
      b.header(HttpHeaders.RETRY_AFTER, 5);
    }
    if (status == 429 && !"rate_limited".equals(code)) {
      b.header(HttpHeaders.RETRY_AFTER, 5);
    } else if (status == 429) {
      b.header(HttpHeaders.RETRY_AFTER, 2);
    }
    return b;
  }
}
