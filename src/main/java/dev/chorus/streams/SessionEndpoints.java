package dev.chorus.streams;

import dev.chorus.im.common.DomainException;
import dev.chorus.signaling.media.MediaRefused;
import dev.chorus.signaling.media.RoomStreams;
import dev.chorus.signaling.sdp.SdpFragment;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** What the WHIP and WHEP resources share: bodies, the 201, trickle, and refusals as problems. */
final class SessionEndpoints {
  static final String SDP = "application/sdp";
  static final String SDPFRAG = "application/trickle-ice-sdpfrag";
  static final int MAX_BODY = 64 * 1024;

  /** A step that may be refused in any of the ways the endpoints know. */
  @FunctionalInterface
  interface Step {
    Response run() throws StreamRefusal, MediaRefused;
  }

  private SessionEndpoints() {}

  /** Runs {@code step}, answering every refusal as a problem. */
  static Response answer(Step step) {
    try {
      return step.run();
    } catch (StreamRefusal e) {
      return StreamProblems.of(e);
    } catch (MediaRefused e) {
      return StreamProblems.of(e);
    } catch (DomainException e) {
      return StreamProblems.of(e);
    }
  }

  /** The body as text, if its Content-Type is {@code type} and it is at most 64 KiB. */
  static String body(String contentType, String type, InputStream in) throws StreamRefusal {
    if (contentType == null
        || !contentType.split(";")[0].strip().toLowerCase(Locale.ROOT).equals(type)) {
      throw new StreamRefusal(
          415,
          "unsupported_media_type",
          "Send the body as " + type + (contentType == null ? "." : ", not " + contentType + "."));
    }
    try {
      var bytes = in == null ? new byte[0] : in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw new StreamRefusal(413, "too_large", "The body is larger than 64 KiB.");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StreamRefusal(400, "bad_request", "The body could not be read.");
    }
  }

  /** The 201 of a POST: the answer, Location, ETag, Accept-Patch and the ICE server links. */
  static Response created(
      UriInfo uri, String path, RoomStreams.Created created, Iterable<String> links) {
    var location = uri.getBaseUriBuilder().path(path).path(created.sessionId()).build();
    var b =
        Response.created(location)
            .type(SDP)
            .entity(created.answer())
            .tag(new jakarta.ws.rs.core.EntityTag(unquote(created.etag())))
            .header("Accept-Patch", SDPFRAG);
    for (var link : links) {
      b.header(HttpHeaders.LINK, link);
    }
    return b.build();
  }

  /** A trickle PATCH's fragment. */
  static SdpFragment fragment(String text) throws StreamRefusal {
    var parsed = SdpFragment.parse(text);
    if (parsed.failure().isPresent()) {
      throw new StreamRefusal(
          400, "bad_sdpfrag", "Not a valid SDP fragment: " + parsed.failure().get().message());
    }
    return parsed.ok().orElseThrow();
  }

  /** OPTIONS: Allow (and Accept-Post on the endpoint); Link only when not a CORS preflight. */
  static Response options(
      String allow, boolean endpoint, boolean preflight, Iterable<String> links) {
    var b = Response.noContent().header(HttpHeaders.ALLOW, allow);
    if (endpoint) {
      b.header("Accept-Post", SDP);
    } else {
      b.header("Accept-Patch", SDPFRAG);
    }
    if (!preflight) {
      for (var link : links) {
        b.header(HttpHeaders.LINK, link);
      }
    }
    return b.build();
  }

  private static String unquote(String etag) {
    return etag.startsWith("\"") && etag.endsWith("\"") && etag.length() >= 2
        ? etag.substring(1, etag.length() - 1)
        : etag;
  }
}
