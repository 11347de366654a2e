package dev.chorus.api;

import dev.chorus.api.auth.Authenticated;
import dev.chorus.api.auth.CurrentUser;
import dev.chorus.api.dto.Page;
import dev.chorus.api.dto.StreamKeyView;
import dev.chorus.im.account.UserRef;
import dev.chorus.im.common.ValidationException;
import dev.chorus.im.stream.StreamGrant;
import dev.chorus.im.stream.StreamKeys;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
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
 * {@code /api/rooms/{id}/stream-keys}: long-lived keys an encoder publishes into the room with
 * (WHIP), or a player watches it with (WHEP). The owner creates them; the owner and admins list and
 * revoke them. The secret is in the creation's answer only.
 */
@Path("rooms/{id}/stream-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "rooms")
@SecurityRequirement(name = ChorusApplication.BEARER)
public class StreamKeyResource {
  @Inject StreamKeys keys;
  @Inject CurrentUser currentUser;
  @Context HttpServletRequest request;

  @POST
  @Operation(
      summary = "Create a stream key (owner)",
      description =
          "name: 1-40 characters; purpose: publish (default, WHIP) or view (WHEP). The secret"
              + " (csk_...) is in this answer only; at most 20 live keys per room.")
  @APIResponse(
      responseCode = "201",
      description = "The key, its secret (shown once) and the WHIP URL",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = StreamKeyView.Created.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "409", ref = "Conflict")
  public Response create(
      @PathParam("id") String roomId, StreamKeyView.Create body, @Context UriInfo uri) {
    if (body == null) {
      throw new ValidationException("body", "Send {name, purpose} as JSON.");
    }
    var created = keys.create(me(), roomId, body.name(), body.purpose(), request.getRemoteAddr());
    var key = created.key();
    var whip =
        key.purpose() == StreamGrant.Purpose.PUBLISH
            ? uri.getBaseUriBuilder().path("rooms").path(roomId).path("whip").build().toString()
            : null;
    return Response.created(uri.getAbsolutePathBuilder().path(key.id()).build())
        .entity(new StreamKeyView.Created(StreamKeyView.of(key), created.secret(), whip))
        .build();
  }

  @GET
  @Operation(summary = "The room's live stream keys, oldest first (owner, admin); no secrets")
  @APIResponse(
      responseCode = "200",
      description = "A page of keys (items: StreamKeyView)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Page.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public Page<StreamKeyView> list(@PathParam("id") String roomId) {
    return new Page<>(keys.list(me(), roomId).stream().map(StreamKeyView::of).toList(), null);
  }

  @DELETE
  @Path("{keyId}")
  @Operation(summary = "Revoke a stream key (owner, admin); streams using it end")
  @APIResponse(responseCode = "204", description = "Revoked")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public Response revoke(@PathParam("id") String roomId, @PathParam("keyId") String keyId) {
    keys.revoke(me(), roomId, keyId, request.getRemoteAddr());
    return Response.noContent().build();
  }

  private UserRef me() {
    return UserRef.of(currentUser.account());
  }
}
