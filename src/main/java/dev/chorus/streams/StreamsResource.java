package dev.chorus.streams;

import dev.chorus.api.ChorusApplication;
import dev.chorus.signaling.media.RoomStreams;
import dev.chorus.signaling.media.StreamInfo;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/rooms/{roomId}/streams}: what is published in a room now (browser cameras and
 * screens, WHIP streams), each with its WHEP URL; a moderator stops a WHIP stream with DELETE.
 */
@Path("rooms/{roomId}/streams")
@Tag(name = "streams")
@SecurityRequirement(name = ChorusApplication.BEARER)
public class StreamsResource {
  @Inject RoomStreams streams;
  @Inject StreamAuth auth;
  @Inject dev.chorus.im.room.RoomService rooms;
  @Context HttpServletRequest request;
  @Context UriInfo uri;

  /** One stream in the list. */
  public record StreamView(
      String id,
      UserView user,
      String source,
      boolean whip,
      boolean audio,
      VideoView video,
      int players,
      String whepUrl) {}

  /** Who publishes a stream. */
  public record UserView(String id, String username, String displayName) {}

  /** A stream's video: its codec and simulcast layers. */
  public record VideoView(String codec, int layers) {}

  @GET
  @Operation(
      summary = "The streams published in a room",
      description =
          "Browser cameras and screens and WHIP streams, with the URL to play each by WHEP."
              + " Bearer: a session token of someone who may see the room, or a stream key of it.")
  @APIResponse(
      responseCode = "200",
      description = "The streams",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema =
                  @Schema(
                      implementation = StreamView.class,
                      type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public Response list(
      @PathParam("roomId") String roomId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return SessionEndpoints.answer(
        () -> {
          var caller = auth.authenticate(authorization, request.getRemoteAddr());
          auth.requireViewer(caller, roomId);
          var list = streams.streams(roomId).stream().map(s -> view(roomId, s)).toList();
          return Response.ok(list, MediaType.APPLICATION_JSON_TYPE).build();
        });
  }

  @DELETE
  @Path("{streamId}")
  @Operation(
      summary = "Stop a WHIP stream",
      description = "The room's owner or an admin ends a WHIP stream; it leaves the room.")
  @APIResponse(responseCode = "204", description = "Stopped")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public Response stop(
      @PathParam("roomId") String roomId,
      @PathParam("streamId") String streamId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return SessionEndpoints.answer(
        () -> {
          var caller = auth.authenticate(authorization, request.getRemoteAddr());
          if (!(caller instanceof StreamCaller.Session)) {
            throw new StreamRefusal(403, "forbidden", "Log in as a moderator to stop a stream.");
          }
          rooms.requireModerator(caller.owner().id(), roomId, "stop a stream");
          streams.stopStream(roomId, streamId);
          return Response.noContent().build();
        });
  }

  @OPTIONS
  @Operation(summary = "Streams list options", description = "Allow and CORS.")
  @APIResponse(responseCode = "204", description = "What the list accepts")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public Response options(@PathParam("roomId") String roomId) {
    return Response.noContent().header(HttpHeaders.ALLOW, "GET, OPTIONS").build();
  }

  private StreamView view(String roomId, StreamInfo s) {
    var whep =
        uri.getBaseUriBuilder()
            .path("rooms")
            .path(roomId)
            .path("streams")
            .path(s.id())
            .path("whep")
            .build()
            .toString();
    return new StreamView(
        s.id(),
        new UserView(s.user().id(), s.user().username(), s.user().displayName()),
        s.source(),
        s.whip(),
        s.audio(),
        s.videoCodec() == null ? null : new VideoView(s.videoCodec(), s.layers()),
        s.players(),
        whep);
  }
}
