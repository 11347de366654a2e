package dev.chorus.api;

import dev.chorus.api.dto.AccountView;
import dev.chorus.api.dto.SessionView;
import dev.chorus.api.dto.SsoRequests;
import dev.chorus.im.account.AccountService;
import dev.chorus.im.common.ValidationException;
import dev.chorus.sso.SingleSignOn;
import dev.chorus.sso.SsoException;
import dev.chorus.sso.SsoFailure;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/auth}: which sign-in methods this server offers, and single sign-on with OpenID
 * Connect (start, the provider's callback, the page redeeming its one-time code, logout at the
 * provider). The start and callback are browser navigations, so they answer with redirects, and
 * their failures land on the login page as {@code #sso-error=<code>}.
 */
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
public class AuthResource {
  private static final Logger LOG = Logger.getLogger(AuthResource.class.getName());

  /** Binds a sign-in to the browser that started it; only ever sent to {@code /api/auth/oidc}. */
  static final String BROWSER_COOKIE = "chorus_sso";

  @Inject SingleSignOn sso;
  @Inject AccountService accounts;
  @Context UriInfo uri;

  @GET
  @Path("providers")
  @Operation(summary = "How people can sign in here")
  @APIResponse(
      responseCode = "200",
      description = "Local passwords and/or single sign-on",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SsoRequests.Providers.class)))
  public SsoRequests.Providers providers() {
    var oidc =
        sso.settings()
            .map(
                s ->
                    new SsoRequests.OidcProvider(
                        s.label(),
                        "api/auth/oidc/start",
                        s.providerLogout() ? "api/auth/oidc/logout" : null))
            .orElse(null);
    return new SsoRequests.Providers(accounts.localAccountsEnabled(), oidc);
  }

  @GET
  @Path("oidc/start")
  @Operation(summary = "Start single sign-on (a browser navigation)")
  @APIResponse(
      responseCode = "303",
      description = "To the provider, or back to the page with #sso-error=<code>")
  public Response start() {
    try {
      var start = sso.start(uri.getBaseUri().resolve("auth/oidc/callback"));
      return Response.seeOther(start.authorizationUri())
          .cookie(browserCookie(start.browserKey(), sso.settings().orElseThrow().loginLifetime()))
          .build();
    } catch (SsoException e) {
      return backWithError(e);
    }
  }

  @GET
  @Path("oidc/callback")
  @Operation(summary = "The provider's redirect back (a browser navigation)")
  @APIResponse(
      responseCode = "303",
      description = "To the page with #sso=<one-time code>, or #sso-error=<code>")
  public Response callback(
      @QueryParam("state") String state,
      @QueryParam("code") String code,
      @QueryParam("error") String error,
      @QueryParam("error_description") String errorDescription,
      @CookieParam(BROWSER_COOKIE) String browserKey) {
    try {
      var handoff =
          sso.finish(new SingleSignOn.Callback(state, code, error, errorDescription), browserKey);
      // The fragment never reaches a server or a Referer; the page posts the code right away.
      return Response.seeOther(URI.create(appRoot() + "#sso=" + handoff)).build();
    } catch (SsoException e) {
      return backWithError(e);
    }
  }

  @POST
  @Path("oidc/session")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Redeem the one-time code for a session")
  @APIResponse(
      responseCode = "201",
      description = "The session",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SessionView.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  public Response redeem(SsoRequests.Redeem body, @CookieParam(BROWSER_COOKIE) String browserKey) {
    if (body == null || body.code() == null || body.code().isBlank()) {
      throw new ValidationException("code", "Send {code} from the sign-in redirect as JSON.");
    }
    var login = sso.redeem(body.code().strip(), browserKey);
    var view = new SessionView(login.token(), login.expiresAt(), AccountView.of(login.account()));
    return Response.status(Response.Status.CREATED)
        .entity(view)
        .cookie(browserCookie("", Duration.ZERO))
        .build();
  }

  /**
   * After the page has ended its Chorus session: the browser goes on to the provider's logout
   * (RP-initiated logout) when it has one, else back to the login page.
   */
  @GET
  @Path("oidc/logout")
  @Operation(summary = "Log out at the provider too (a browser navigation)")
  @APIResponse(responseCode = "303", description = "To the provider's logout, or to the page")
  public Response logout() {
    var root = URI.create(appRoot());
    return Response.seeOther(sso.logoutUri(root).orElse(root)).build();
  }

  private Response backWithError(SsoException e) {
    if (e.failure() == SsoFailure.UNREACHABLE) {
      LOG.warning("Single sign-on failed: " + e.getMessage() + " (" + e.getCause() + ")");
    } else {
      LOG.info("Single sign-on failed: " + e.getMessage());
    }
    return Response.seeOther(URI.create(appRoot() + "#sso-error=" + e.failure().code()))
        .cookie(browserCookie("", Duration.ZERO))
        .build();
  }

  /** The application's root (the page), e.g. {@code https://chat.example.com/}. */
  private String appRoot() {
    return uri.getBaseUri().resolve("..").toString();
  }

  private NewCookie browserCookie(String value, Duration maxAge) {
    var base = uri.getBaseUri();
    return new NewCookie.Builder(BROWSER_COOKIE)
        .value(value)
        .path(base.getRawPath() + "auth/oidc")
        .maxAge((int) maxAge.toSeconds())
        .httpOnly(true)
        .secure("https".equals(base.getScheme()))
        .sameSite(NewCookie.SameSite.LAX)
        .build();
  }
}
