package dev.chorus.admin;

import dev.chorus.api.auth.Authenticated;
import dev.chorus.api.auth.CurrentUser;
import dev.chorus.api.dto.Problem;
import dev.chorus.im.account.AccountService;
import dev.chorus.im.account.UserRef;
import dev.chorus.im.common.NotFoundException;
import dev.chorus.signaling.Connection;
import dev.chorus.signaling.Connections;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/admin/connections} (administrators only): who is connected now, with each of their
 * sockets (browser tabs): since when, from which address, with which browser; and disconnecting a
 * user, which closes all their sockets at once (recorded in the audit log).
 */
@Path("admin/connections")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "admin")
// "bearer": the scheme ChorusApplication declares (this package may not use api internals)
@SecurityRequirement(name = "bearer")
public class AdminConnectionsResource {
  static final String DISCONNECTED = "disconnected by an administrator";

  @Inject CurrentUser currentUser;
  @Inject Connections connections;
  @Inject AccountService accounts;
  @Inject AdminAudit audit;
  @Context HttpServletRequest request;

  /** One open socket; {@code address} and {@code userAgent} are null when unknown. */
  public record Tab(String id, Instant since, String address, String userAgent) {}

  /** A connected user: their tabs, and since when the oldest is open. */
  public record ConnectedUser(UserRef user, int connections, Instant since, List<Tab> tabs) {}

  /** Everyone connected, longest-connected first. */
  public record ConnectedUsers(int users, int sockets, List<ConnectedUser> items) {}

  /** What a disconnect did. */
  public record Disconnected(UserRef user, int closed) {}

  @GET
  @Operation(
      summary = "Who is connected now",
      description =
          "Every user with an open socket, with each socket's start, address and browser.")
  @APIResponse(
      responseCode = "200",
      description = "The connected users",
      content = @Content(schema = @Schema(implementation = ConnectedUsers.class)))
  @APIResponse(
      responseCode = "403",
      description = "Not a Chorus administrator",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  public ConnectedUsers list() {
    currentUser.requireAdmin();
    var byUser = new LinkedHashMap<String, List<Connection>>();
    var users = new LinkedHashMap<String, UserRef>();
    for (var c : connections.all()) {
      byUser.computeIfAbsent(c.accountId(), k -> new ArrayList<>()).add(c);
      users.putIfAbsent(c.accountId(), c.user());
    }
    var items = new ArrayList<ConnectedUser>();
    int sockets = 0;
    for (var e : byUser.entrySet()) {
      var tabs =
          e.getValue().stream()
              .sorted(Comparator.comparing(Connection::openedAt))
              .map(c -> new Tab(c.id(), c.openedAt(), c.address(), c.userAgent()))
              .toList();
      sockets += tabs.size();
      items.add(new ConnectedUser(users.get(e.getKey()), tabs.size(), tabs.get(0).since(), tabs));
    }
    items.sort(Comparator.comparing(ConnectedUser::since));
    return new ConnectedUsers(items.size(), sockets, items);
  }

  @DELETE
  @Path("{userId}")
  @Operation(
      summary = "Disconnect a user",
      description =
          "Closes every socket of the user at once (close code 1008): their pages ask them to log"
              + " in again. The session is not revoked: to keep them out, disable the account or"
              + " revoke its sessions.")
  @APIResponse(
      responseCode = "200",
      description = "How many sockets were closed",
      content = @Content(schema = @Schema(implementation = Disconnected.class)))
  @APIResponse(
      responseCode = "403",
      description = "Not a Chorus administrator",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such user",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  public Disconnected disconnect(@PathParam("userId") String userId) {
    var admin = currentUser.requireAdmin();
    var user =
        accounts
            .findById(userId)
            .map(UserRef::of)
            .orElseThrow(() -> new NotFoundException("There is no such user."));
    var closed = connections.disconnect(user.id(), DISCONNECTED);
    audit.record(
        admin, "user.disconnected", user.username(), closed + " socket(s) closed", request);
    return new Disconnected(user, closed);
  }
}
