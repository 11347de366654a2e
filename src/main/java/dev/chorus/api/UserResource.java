package dev.chorus.api;

import dev.chorus.api.auth.Authenticated;
import dev.chorus.api.dto.Page;
import dev.chorus.api.dto.UserView;
import dev.chorus.im.account.UserDirectory;
import dev.chorus.im.account.UserRef;
import dev.chorus.im.presence.PresenceService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/users}: find people by username or display name, with who is online. */
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "users")
@SecurityRequirement(name = ChorusApplication.BEARER)
public class UserResource {
  @Inject UserDirectory directory;
  @Inject PresenceService presence;

  @GET
  @Operation(
      summary = "Find people by username or display name",
      description = "With their presence; paged by cursor.")
  @APIResponse(
      responseCode = "200",
      description = "A page of users (items: UserView)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Page.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  public Page<UserView> search(
      @QueryParam("q") String q,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    var page = directory.search(q, Params.optionalInt("limit", limit), cursor);
    var items =
        page.items().stream()
            .map(a -> UserView.of(UserRef.of(a), presence.status(a.id())))
            .toList();
    return new Page<>(items, page.nextCursor().orElse(null));
  }
}
