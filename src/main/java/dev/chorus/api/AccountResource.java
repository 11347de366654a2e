package dev.chorus.api;

import dev.chorus.api.auth.Authenticated;
import dev.chorus.api.auth.CurrentUser;
import dev.chorus.api.dto.AccountView;
import dev.chorus.api.dto.PasswordChangeRequest;
import dev.chorus.api.dto.RegisterRequest;
import dev.chorus.api.dto.SessionView;
import dev.chorus.im.account.AccountService;
import dev.chorus.im.common.ValidationException;
import dev.chorus.im.session.SessionService;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
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

/** {@code /api/accounts}: register, read one's own account, change one's password. */
@Path("accounts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "accounts")
public class AccountResource {
  @Inject AccountService accounts;
  @Inject SessionService sessions;
  @Inject CurrentUser currentUser;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Register a local account",
      description = "Open, invite-only (invite) or closed, as chorus.registration.mode says.")
  @APIResponse(
      responseCode = "201",
      description = "The new account; Location names it",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AccountView.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "429", ref = "TooManyRequests")
  public Response register(
      RegisterRequest body, @Context UriInfo uri, @Context HttpServletRequest request) {
    if (body == null) {
      throw new ValidationException("body", "Send {username, password, displayName} as JSON.");
    }
    var account =
        accounts.register(
            body.username(),
            body.password(),
            body.displayName(),
            body.invite(),
            request.getRemoteAddr());
    return created(uri, account);
  }

  @GET
  @Path("me")
  @Authenticated
  @Operation(summary = "The caller's account")
  @SecurityRequirement(name = ChorusApplication.BEARER)
  @APIResponse(
      responseCode = "200",
      description = "The account",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AccountView.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  public AccountView me() {
    return AccountView.of(currentUser.account());
  }

  /**
   * Changes the caller's password; every session of the account ends, and the answer is a new one
   * for the caller.
   */
  @PUT
  @Path("me/password")
  @Authenticated
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Change the caller's password",
      description =
          "Ends every session of the account; the answer is a new session for the caller.")
  @SecurityRequirement(name = ChorusApplication.BEARER)
  @APIResponse(
      responseCode = "200",
      description = "A new session",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SessionView.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "429", ref = "TooManyRequests")
  public SessionView changePassword(
      PasswordChangeRequest body, @Context HttpServletRequest request) {
    if (body == null) {
      throw new ValidationException("body", "Send {currentPassword, newPassword} as JSON.");
    }
    var login =
        sessions.changePassword(
            currentUser.account(),
            body.currentPassword(),
            body.newPassword(),
            request.getRemoteAddr());
    return new SessionView(login.token(), login.expiresAt(), AccountView.of(login.account()));
  }

  static Response created(UriInfo uri, dev.chorus.im.account.Account account) {
    return Response.created(
            uri.getBaseUriBuilder().path(AccountResource.class).path(account.id()).build())
        .entity(AccountView.of(account))
        .build();
  }
}
