package dev.chorus.api;

import dev.chorus.api.auth.Authenticated;
import dev.chorus.api.auth.CurrentUser;
import dev.chorus.api.dto.AdminUserView;
import dev.chorus.api.dto.Page;
import dev.chorus.api.dto.PasswordResetRequest;
import dev.chorus.api.dto.Problem;
import dev.chorus.api.dto.RegisterRequest;
import dev.chorus.api.dto.SessionsEndedView;
import dev.chorus.im.admin.UserAdministration;
import dev.chorus.im.common.ValidationException;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
 * {@code /api/admin/users} (administrators only): find, create, disable, enable and delete
 * accounts, reset passwords, end sessions, grant and revoke admin. Every change is audited with the
 * caller and their address; the rules live in {@code im.account} and {@code im.admin}.
 */
@Path("admin/users")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "admin")
@SecurityRequirement(name = ChorusApplication.BEARER)
@APIResponse(
    responseCode = "401",
    description = "Not logged in",
    content = @Content(schema = @Schema(implementation = Problem.class)))
@APIResponse(
    responseCode = "403",
    description = "Not an administrator",
    content = @Content(schema = @Schema(implementation = Problem.class)))
public class AdminUserResource {
  @Inject UserAdministration users;
  @Inject CurrentUser currentUser;
  @Context HttpServletRequest request;

  @GET
  @Operation(
      summary = "List or search users",
      description =
          "Prefix search on username and display-name words, ordered by username, paged by cursor."
              + " Deleted accounts are not listed.")
  @APIResponse(
      responseCode = "200",
      description = "A page of users",
      content = @Content(schema = @Schema(implementation = Page.class)))
  @APIResponse(
      responseCode = "400",
      description = "Bad limit, cursor or search text",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  public Page<AdminUserView> list(
      @QueryParam("q") String q,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    actor();
    var page = users.search(q, Params.optionalInt("limit", limit), cursor);
    return new Page<>(
        page.items().stream().map(AdminUserView::of).toList(), page.next().orElse(null));
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One user")
  @APIResponse(
      responseCode = "200",
      description = "The user",
      content = @Content(schema = @Schema(implementation = AdminUserView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such user",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  public AdminUserView get(@PathParam("id") String id) {
    actor();
    return AdminUserView.of(users.get(id));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create a local account",
      description = "Whatever the registration mode; reserved admin names included.")
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = AdminUserView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid fields",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "Username taken",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  public Response create(RegisterRequest body, @Context UriInfo uri) {
    var actor = actor();
    if (body == null) {
      throw new ValidationException("body", "Send {username, password, displayName} as JSON.");
    }
    var created = users.create(actor, body.username(), body.password(), body.displayName());
    return Response.created(uri.getAbsolutePathBuilder().path(created.account().id()).build())
        .entity(AdminUserView.of(created))
        .build();
  }

  @POST
  @Path("{id}/disable")
  @Operation(
      summary = "Disable a user",
      description = "Ends every session at once (open sockets close); they cannot log in.")
  @APIResponse(
      responseCode = "200",
      description = "The user, disabled",
      content = @Content(schema = @Schema(implementation = AdminUserView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such user",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "Yourself or the last administrator",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  public AdminUserView disable(@PathParam("id") String id) {
    return AdminUserView.of(users.disable(actor(), id));
  }

  @POST
  @Path("{id}/enable")
  @Operation(summary = "Enable a disabled user")
  @APIResponse(
      responseCode = "200",
      description = "The user, enabled",
      content = @Content(schema = @Schema(implementation = AdminUserView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such user",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  public AdminUserView enable(@PathParam("id") String id) {
    return AdminUserView.of(users.enable(actor(), id));
  }

  @DELETE
  @Path("{id}")
  @Operation(
      summary = "Delete a user",
      description =
          "Sessions end; the account stays as a renamed tombstone ('Deleted user') so their"
              + " messages keep a sender; rooms they owned pass to the room's longest-standing"
              + " admin or member, or are deleted when nobody else is in them; their memberships,"
              + " invites and bans go.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(
      responseCode = "404",
      description = "No such user",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "Yourself or the last administrator",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  public Response delete(@PathParam("id") String id) {
    users.delete(actor(), id);
    return Response.noContent().build();
  }

  @POST
  @Path("{id}/password")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Reset a local account's password",
      description = "Every session of the user ends.")
  @APIResponse(responseCode = "204", description = "Password set")
  @APIResponse(
      responseCode = "400",
      description = "The password breaks the rules",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such user",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "A directory or single sign-on account (code external_account)",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  public Response resetPassword(@PathParam("id") String id, PasswordResetRequest body) {
    var actor = actor();
    if (body == null) {
      throw new ValidationException("body", "Send {password} as JSON.");
    }
    users.resetPassword(actor, id, body.password());
    return Response.noContent().build();
  }

  @DELETE
  @Path("{id}/sessions")
  @Operation(summary = "Log a user out everywhere", description = "Their open sockets close.")
  @APIResponse(
      responseCode = "200",
      description = "How many sessions ended",
      content = @Content(schema = @Schema(implementation = SessionsEndedView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such user",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  public SessionsEndedView revokeSessions(@PathParam("id") String id) {
    return new SessionsEndedView(users.revokeSessions(actor(), id));
  }

  @PUT
  @Path("{id}/admin")
  @Operation(summary = "Make a user an administrator")
  @APIResponse(
      responseCode = "200",
      description = "The user",
      content = @Content(schema = @Schema(implementation = AdminUserView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such user",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "The account is disabled",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  public AdminUserView grantAdmin(@PathParam("id") String id) {
    return AdminUserView.of(users.grantAdmin(actor(), id));
  }

  @DELETE
  @Path("{id}/admin")
  @Operation(
      summary = "Take a granted admin right away",
      description =
          "Only grants made through this API; admins by chorus.admins or a directory group stay.")
  @APIResponse(
      responseCode = "200",
      description = "The user",
      content = @Content(schema = @Schema(implementation = AdminUserView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such user",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "Yourself, the last administrator, or an admin by configuration or directory"
              + " (cannot_change_self, last_admin, admin_by_config, admin_by_directory)",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  public AdminUserView revokeAdmin(@PathParam("id") String id) {
    return AdminUserView.of(users.revokeAdmin(actor(), id));
  }

  private UserAdministration.Actor actor() {
    return new UserAdministration.Actor(currentUser.requireAdmin(), request.getRemoteAddr());
  }
}
