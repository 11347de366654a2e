package dev.chorus.api;

import dev.chorus.api.auth.Authenticated;
import dev.chorus.api.auth.CurrentUser;
import dev.chorus.api.dto.InviteRequest;
import dev.chorus.api.dto.InviteView;
import dev.chorus.api.dto.RegisterRequest;
import dev.chorus.im.account.AccountService;
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

/**
 * {@code /api/admin/accounts} and {@code /api/admin/invites} (administrators only): create an
 * account whatever the registration mode (reserved admin names included), or a single-use invite
 * code for {@code invite} mode.
 */
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AdminAccountResource {
  @Inject AccountService accounts;
  @Inject CurrentUser currentUser;
  @Inject UserAdministration users;

  @POST
  @Path("accounts")
  @Consumes(MediaType.APPLICATION_JSON)
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
  public Response createInvite(InviteRequest body) {
    var admin = currentUser.requireAdmin();
    var invite = accounts.createInvite(admin, validFor(body));
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
