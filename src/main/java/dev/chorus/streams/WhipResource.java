package dev.chorus.streams;

import dev.chorus.api.ChorusApplication;
import dev.chorus.signaling.media.RoomStreams;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * WHIP (RFC 9725) into a room: {@code POST /api/rooms/{roomId}/whip} with an SDP offer publishes a
 * stream into the room (a pseudo-occupant that shows); its session resource takes trickle PATCHes
 * and a DELETE that ends it.
 */
@Path("rooms/{roomId}/whip")
@Tag(name = "streams")
@SecurityRequirement(name = ChorusApplication.BEARER)
public class WhipResource {
  static final String ENDPOINT_ALLOW = "POST, OPTIONS";
  static final String SESSION_ALLOW = "PATCH, DELETE, OPTIONS";

  @Inject RoomStreams streams;
  @Inject StreamAuth auth;
  @Inject IceServerLinks links;
  @Context HttpServletRequest request;
  @Context UriInfo uri;

  @POST
  @Operation(
      summary = "Publish a stream (WHIP)",
      description =
          "The body is an SDP offer that sends audio and/or video (Opus; VP8 or H.264 Constrained"
              + " Baseline, packetization-mode 1). The stream enters the room as an occupant who"
              + " shows. Bearer: a session token, or a PUBLISH stream key (csk_...) of the room.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = SessionEndpoints.SDP,
              schema = @Schema(implementation = String.class)))
  @APIResponse(
      responseCode = "201",
      description = "The SDP answer, with all candidates",
      headers = {
        @Header(name = "Location", description = "The session resource"),
        @Header(name = "ETag", description = "For trickle PATCHes (If-Match)"),
        @Header(name = "Link", description = "ICE servers, rel=\"ice-server\""),
        @Header(name = "Accept-Patch", description = "application/trickle-ice-sdpfrag")
      },
      content =
          @Content(
              mediaType = SessionEndpoints.SDP,
              schema = @Schema(implementation = String.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "406", ref = "NotAcceptable")
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @APIResponse(responseCode = "429", ref = "TooManyRequests")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  public Response publish(
      @PathParam("roomId") String roomId,
      @QueryParam("name") String name,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream body) {
    return SessionEndpoints.answer(
        () -> {
          var address = request.getRemoteAddr();
          var caller = auth.authenticate(authorization, address);
          auth.requirePostAllowed(address);
          var sdp = SessionEndpoints.body(contentType, SessionEndpoints.SDP, body);
          auth.requirePublisher(caller, roomId);
          var key = caller instanceof StreamCaller.Key k ? k.grant() : null;
          var created =
              streams.whip(
                  roomId,
                  new RoomStreams.Publishing(
                      caller.owner(),
                      caller.credential(),
                      key == null ? null : key.keyId(),
                      key == null ? null : key.name(),
                      name),
                  sdp);
          return SessionEndpoints.created(
              uri, "rooms/" + roomId + "/whip", created, links.links(caller.owner().id()));
        });
  }

  @OPTIONS
  @Operation(
      summary = "WHIP endpoint options",
      description = "Allow, Accept-Post and CORS; ICE server Link headers unless a CORS preflight.")
  @APIResponse(responseCode = "204", description = "What the endpoint accepts")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  public Response endpointOptions(
      @PathParam("roomId") String roomId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("Access-Control-Request-Method") String preflight) {
    return SessionEndpoints.options(
        ENDPOINT_ALLOW, true, preflight != null, optionLinks(authorization, preflight));
  }

  @PATCH
  @Path("{sessionId}")
  @Operation(
      summary = "Trickle ICE candidates to a WHIP session",
      description =
          "A trickle-ice-sdpfrag (RFC 8840) with If-Match set to the session's ETag. ICE restarts"
              + " (If-Match: *) are not supported: 422.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = SessionEndpoints.SDPFRAG,
              schema = @Schema(implementation = String.class)))
  @APIResponse(responseCode = "204", description = "Candidates taken")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "412", ref = "PreconditionFailed")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @APIResponse(responseCode = "428", ref = "PreconditionRequired")
  public Response trickle(
      @PathParam("roomId") String roomId,
      @PathParam("sessionId") String sessionId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      InputStream body) {
    return trickle(
        streams, auth, request, true, roomId, sessionId, authorization, contentType, ifMatch, body);
  }

  @DELETE
  @Path("{sessionId}")
  @Operation(summary = "End a WHIP session", description = "The stream leaves the room.")
  @APIResponse(responseCode = "200", description = "Ended")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public Response end(
      @PathParam("roomId") String roomId,
      @PathParam("sessionId") String sessionId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return end(streams, auth, request, true, roomId, sessionId, authorization);
  }

  @OPTIONS
  @Path("{sessionId}")
  @Operation(summary = "WHIP session options", description = "Allow, Accept-Patch and CORS.")
  @APIResponse(responseCode = "204", description = "What the session accepts")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public Response sessionOptions(
      @PathParam("roomId") String roomId, @PathParam("sessionId") String sessionId) {
    return SessionEndpoints.options(SESSION_ALLOW, false, true, List.of());
  }

  private List<String> optionLinks(String authorization, String preflight) {
    if (preflight != null) {
      return List.of();
    }
    try {
      return links.links(auth.authenticate(authorization, request.getRemoteAddr()).owner().id());
    } catch (StreamRefusal e) {
      return links.links(null);
    }
  }

  static Response trickle(
      RoomStreams streams,
      StreamAuth auth,
      HttpServletRequest request,
      boolean whip,
      String roomId,
      String sessionId,
      String authorization,
      String contentType,
      String ifMatch,
      InputStream body) {
    return SessionEndpoints.answer(
        () -> {
          auth.authenticate(authorization, request.getRemoteAddr());
          var text = SessionEndpoints.body(contentType, SessionEndpoints.SDPFRAG, body);
          var fragment = SessionEndpoints.fragment(text);
          streams.trickle(roomId, whip, sessionId, ifMatch, fragment);
          return Response.noContent().build();
        });
  }

  static Response end(
      RoomStreams streams,
      StreamAuth auth,
      HttpServletRequest request,
      boolean whip,
      String roomId,
      String sessionId,
      String authorization) {
    return SessionEndpoints.answer(
        () -> {
          auth.authenticate(authorization, request.getRemoteAddr());
          streams.delete(roomId, whip, sessionId);
          return Response.ok().build();
        });
  }
}
