package dev.chorus.api;

import dev.chorus.api.auth.Authenticated;
import dev.chorus.api.auth.CurrentUser;
import dev.chorus.api.dto.AccountView;
import dev.chorus.api.dto.LoginRequest;
import dev.chorus.api.dto.SessionView;
import dev.chorus.im.common.ValidationException;
import dev.chorus.im.session.SessionService;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/sessions}: log in (issue a token), log out (revoke it), and log out everywhere
 * (revoke every session of the caller, closing their sockets).
 */
@Path("sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sessions")
public class SessionResource {
  @Inject SessionService sessions;
  @Inject CurrentUser currentUser;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Log in",
      description = "Issues a bearer token for the Authorization header and the socket.")
  @APIResponse(
      responseCode = "201",
      description = "The session: token (shown once), expiry, account",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SessionView.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "429", ref = "TooManyRequests")
  public Response login(LoginRequest body, @Context HttpServletRequest request) {
    if (body == null) {
      throw new ValidationException("body", "Send {username, password} as JSON.");
    }
    var login = sessions.login(body.username(), body.password(), request.getRemoteAddr());
    var view = new SessionView(login.token(), login.expiresAt(), AccountView.of(login.account()));
    return Response.status(Response.Status.CREATED).entity(view).build();
  }

  @DELETE
  @Path("current")
  @Authenticated
  @Operation(summary = "Log out this session")
  @SecurityRequirement(name = ChorusApplication.BEARER)
  @APIResponse(responseCode = "204", description = "The token is revoked")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  public Response logout() {
    sessions.revoke(currentUser.tokenHash());
    return Response.noContent().build();
  }

  @DELETE
  @Authenticated
  @Operation(
      summary = "Log out everywhere",
      description = "Revokes every session of the caller and closes their sockets.")
  @SecurityRequirement(name = ChorusApplication.BEARER)
  @APIResponse(responseCode = "204", description = "Every session is revoked")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  public Response logoutEverywhere() {
    sessions.revokeAll(currentUser.account().id());
    return Response.noContent().build();
  }
}
