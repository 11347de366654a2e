package dev.chorus.api;

import dev.chorus.api.auth.Authenticated;
import dev.chorus.api.auth.CurrentUser;
import dev.chorus.api.dto.Page;
import dev.chorus.im.common.ValidationException;
import dev.chorus.im.room.RoomBroadcast;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/rooms/{id}/occupants}: everyone in a room now, searchable. A broadcast room's page
 * lists only its stage and a count of viewers; this finds anyone among them.
 */
@Path("rooms/{id}/occupants")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "rooms")
public class RoomOccupantsResource {
  static final int DEFAULT_LIMIT = 50;

  @Inject RoomBroadcast broadcast;
  @Inject CurrentUser currentUser;

  @GET
  @Operation(
      summary = "Who is in the room now, by username",
      description =
          "q: text in the username or display name; limit 1-100 (50); cursor: nextCursor of the"
              + " previous page. stage is true for those a broadcast room lists (owner, presenters,"
              + " on stage, showing) and for everyone in a meeting room.")
  @APIResponse(
      responseCode = "200",
      description = "A page of occupants (items: RoomBroadcast.Occupant)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Page.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @SecurityRequirement(name = ChorusApplication.BEARER)
  public Page<RoomBroadcast.Occupant> occupants(
      @PathParam("id") String id,
      @QueryParam("q") String q,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    var size = Params.optionalInt("limit", limit);
    int n = size == null ? DEFAULT_LIMIT : size;
    if (n < 1 || n > RoomBroadcast.MAX_PAGE) {
      throw new ValidationException(
          "limit", "limit must be between 1 and " + RoomBroadcast.MAX_PAGE + ".");
    }
    if (q != null && q.length() > 64) {
      throw new ValidationException("q", "The search text must be at most 64 characters.");
    }
    var page = broadcast.occupants(currentUser.account().id(), id, q, n, decode(cursor));
    var next = page.nextCursor() == null ? null : encode(page.nextCursor());
    return new Page<>(page.items(), next);
  }

  private static String encode(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("cursor", "The cursor is not one this server gave out.");
    }
  }
}
