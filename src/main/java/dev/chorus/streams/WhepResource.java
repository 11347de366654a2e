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
 * WHEP playback of one stream of a room ({@code GET /api/rooms/{roomId}/streams} lists them): a
 * WHIP stream or a browser's camera, with the WHIP conventions (201 + Location + ETag, trickle
 * PATCH, DELETE, OPTIONS and CORS).
 */
@Path("rooms/{roomId}/streams/{streamId}/whep")
@Tag(name = "streams")
@SecurityRequirement(name = ChorusApplication.BEARER)
public class WhepResource {
  @Inject RoomStreams streams;
  @Inject StreamAuth auth;
  @Inject IceServerLinks links;
  @Context HttpServletRequest request;
  @Context UriInfo uri;

  @POST
  @Operation(
      summary = "Play a stream (WHEP)",
      description =
          "The body is an SDP offer that receives audio and/or video (one line of each at most)."
              + " Bearer: a session token of someone who may see the room, or a VIEW or PUBLISH"
              + " stream key (csk_...) of the room.")
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
  public Response play(
      @PathParam("roomId") String roomId,
      @PathParam("streamId") String streamId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream body) {
    return SessionEndpoints.answer(
        () -> {
          var address = request.getRemoteAddr();
          var caller = auth.authenticate(authorization, address);
          auth.requirePostAllowed(address);
          var sdp = SessionEndpoints.body(contentType, SessionEndpoints.SDP, body);
          auth.requireViewer(caller, roomId);
          var created =
              streams.whep(
                  roomId,
                  streamId,
                  new RoomStreams.Playing(caller.owner(), caller.credential()),
                  sdp);
          return SessionEndpoints.created(
              uri,
              "rooms/" + roomId + "/streams/" + streamId + "/whep",
              created,
              links.links(caller.owner().id()));
        });
  }

  @OPTIONS
  @Operation(
      summary = "WHEP endpoint options",
      description = "Allow, Accept-Post and CORS; ICE server Link headers unless a CORS preflight.")
  @APIResponse(responseCode = "204", description = "What the endpoint accepts")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public Response endpointOptions(
      @PathParam("roomId") String roomId,
      @PathParam("streamId") String streamId,
      @HeaderParam("Access-Control-Request-Method") String preflight) {
    return SessionEndpoints.options(
        WhipResource.ENDPOINT_ALLOW,
        true,
        preflight != null,
        preflight != null ? List.of() : links.links(null));
  }

  @PATCH
  @Path("{sessionId}")
  @Operation(
      summary = "Trickle ICE candidates to a WHEP session",
      description = "As for WHIP: a trickle-ice-sdpfrag with If-Match; no ICE restarts (422).")
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
      @PathParam("streamId") String streamId,
      @PathParam("sessionId") String sessionId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      InputStream body) {
    return WhipResource.trickle(
        streams,
        auth,
        request,
        false,
        roomId,
        sessionId,
        authorization,
        contentType,
        ifMatch,
        body);
  }

  @DELETE
  @Path("{sessionId}")
  @Operation(summary = "End a WHEP session", description = "Stops playing.")
  @APIResponse(responseCode = "200", description = "Ended")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public Response end(
      @PathParam("roomId") String roomId,
      @PathParam("streamId") String streamId,
      @PathParam("sessionId") String sessionId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return WhipResource.end(streams, auth, request, false, roomId, sessionId, authorization);
  }

  @OPTIONS
  @Path("{sessionId}")
  @Operation(summary = "WHEP session options", description = "Allow, Accept-Patch and CORS.")
  @APIResponse(responseCode = "204", description = "What the session accepts")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public Response sessionOptions(
      @PathParam("roomId") String roomId,
      @PathParam("streamId") String streamId,
      @PathParam("sessionId") String sessionId) {
    return SessionEndpoints.options(WhipResource.SESSION_ALLOW, false, true, List.of());
  }
}
