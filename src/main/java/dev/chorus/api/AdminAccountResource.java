package dev.chorus.api;

import dev.chorus.api.auth.Authenticated;
import dev.chorus.api.auth.CurrentUser;
import dev.chorus.api.dto.AccountView;
import dev.chorus.api.dto.InviteRequest;
import dev.chorus.api.dto.InviteView;
import dev.chorus.api.dto.RegisterRequest;
import dev.chorus.im.admin.UserAdministration;
import dev.chorus.im.common.ValidationException;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/admin/accounts} and {@code /api/admin/invites} (administrators only): create an
 * account whatever the registration mode (reserved admin names included), or a single-use invite
 * code for {@code invite} mode.
 */
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "admin")
@SecurityRequirement(name = ChorusApplication.BEARER)
public class AdminAccountResource {
  @Inject CurrentUser currentUser;
  @Inject UserAdministration users;

  @POST
  @Path("accounts")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create a local account (administrators)",
      description =
          "Whatever the registration mode, reserved admin names included; the same as POST"
              + " /api/admin/users with the answer of /api/accounts.")
  @APIResponse(
      responseCode = "201",
      description = "The new account; Location names it",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AccountView.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "409", ref = "Conflict")
  public Response createAccount(
      RegisterRequest body, @Context UriInfo uri, @Context HttpServletRequest request) {
    var admin = currentUser.requireAdmin();
    if (body == null) {
      throw new ValidationException("body", "Send {username, password, displayName} as JSON.");
    }
    // The same creation (and audit entry) as POST /api/admin/users; this path keeps its old answer.
    var account =
        users
            .create(
                new UserAdministration.Actor(admin, request.getRemoteAddr()),
                body.username(),
                body.password(),
                body.displayName())
            .account();
    return AccountResource.created(uri, account);
  }

  @POST
  @Path("invites")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create a single-use registration invite (administrators)",
      description = "For chorus.registration.mode=invite; validFor is an ISO-8601 duration.")
  @APIResponse(
      responseCode = "201",
      description = "The invite code and when it expires",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = InviteView.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  public Response createInvite(InviteRequest body, @Context HttpServletRequest request) {
    var admin = currentUser.requireAdmin();
    var invite =
        users.createInvite(
            new UserAdministration.Actor(admin, request.getRemoteAddr()), validFor(body));
    return Response.status(Response.Status.CREATED)
        .entity(new InviteView(invite.code(), invite.expiresAt()))
        .build();
  }

  private static Duration validFor(InviteRequest body) {
    if (body == null || body.validFor() == null || body.validFor().isBlank()) {
      return null;
    }
    try {
      return Duration.parse(body.validFor().strip());
    } catch (DateTimeParseException e) {
      throw new ValidationException(
          "validFor", "validFor must be an ISO-8601 duration such as P7D or PT12H.");
    }
  }
}
