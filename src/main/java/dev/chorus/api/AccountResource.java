package dev.chorus.api;

import dev.chorus.api.auth.Authenticated;
import dev.chorus.api.auth.CurrentUser;
import dev.chorus.api.dto.AccountView;
import dev.chorus.api.dto.RegisterRequest;
import dev.chorus.im.account.AccountService;
import dev.chorus.im.common.ValidationException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code /api/accounts}: register, and read one's own account. */
@Path("accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {
  @Inject AccountService accounts;
  @Inject CurrentUser currentUser;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response register(RegisterRequest body, @Context UriInfo uri) {
    if (body == null) {
      throw new ValidationException("body", "Send {username, password, displayName} as JSON.");
    }
    var account = accounts.register(body.username(), body.password(), body.displayName());
    return Response.created(uri.getAbsolutePathBuilder().path(account.id()).build())
        .entity(AccountView.of(account))
        .build();
  }

  @GET
  @Path("me")
  @Authenticated
  public AccountView me() {
    return AccountView.of(currentUser.account());
  }
}
