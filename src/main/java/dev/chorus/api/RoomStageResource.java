package dev.chorus.api;

import dev.chorus.api.auth.Authenticated;
import dev.chorus.api.auth.CurrentUser;
import dev.chorus.api.dto.Page;
import dev.chorus.im.account.UserRef;
import dev.chorus.im.room.RoomBroadcast;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/rooms/{id}/presenters}: who may show in a broadcast room without being invited on
 * stage. Moderators choose them; anyone who may see the room lists them.
 */
@Path("rooms/{id}/presenters")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "rooms")
public class RoomStageResource {
  @Inject RoomBroadcast broadcast;
  @Inject CurrentUser currentUser;

  @GET
  @Operation(summary = "The room's presenters")
  @APIResponse(
      responseCode = "200",
      description = "The presenters (items: UserRef)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Page.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @SecurityRequirement(name = ChorusApplication.BEARER)
  public Page<UserRef> list(@PathParam("id") String id) {
    return new Page<>(broadcast.presenters(me(), id), null);
  }

  @PUT
  @Path("{username}")
  @Operation(
      summary = "Make someone a presenter (owner, admin)",
      description = "In a broadcast room a presenter may show without being invited on stage.")
  @APIResponse(responseCode = "204", description = "A presenter (also if they were already)")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @SecurityRequirement(name = ChorusApplication.BEARER)
  public Response add(@PathParam("id") String id, @PathParam("username") String username) {
    broadcast.addPresenter(me(), id, username);
    return Response.noContent().build();
  }

  @DELETE
  @Path("{username}")
  @Operation(
      summary = "No longer a presenter (owner, admin)",
      description = "In a broadcast room they are unshown unless they are the owner or on stage.")
  @APIResponse(responseCode = "204", description = "Not a presenter any more")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @SecurityRequirement(name = ChorusApplication.BEARER)
  public Response remove(@PathParam("id") String id, @PathParam("username") String username) {
    broadcast.removePresenter(me(), id, username);
    return Response.noContent().build();
  }

  private UserRef me() {
    return UserRef.of(currentUser.account());
  }
}
