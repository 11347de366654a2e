package dev.chorus.api;

import dev.chorus.api.auth.Authenticated;
import dev.chorus.api.auth.CurrentUser;
import dev.chorus.api.dto.Page;
import dev.chorus.api.dto.RoomRequests;
import dev.chorus.im.account.UserRef;
import dev.chorus.im.audit.AuditEvent;
import dev.chorus.im.chat.RoomMessage;
import dev.chorus.im.common.ValidationException;
import dev.chorus.im.room.RoomModeration;
import dev.chorus.im.room.RoomService;
import dev.chorus.im.room.RoomView;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/rooms}: the directory, settings, members, history and moderation of rooms. */
@Path("rooms")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "rooms")
@SecurityRequirement(name = ChorusApplication.BEARER)
public class RoomResource {
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  @Inject RoomService rooms;
  @Inject RoomModeration moderation;
  @Inject CurrentUser currentUser;
  @Inject Event<AuditEvent> audit;
  @Context HttpServletRequest request;

  /** One page of room history, newest first. */
  @JsonbNillable
  public record History(List<RoomMessage> items, Long nextCursor, long readUpTo) {}

  @GET
  @Operation(
      summary = "Rooms the caller may see, by name",
      description = "q: text in name or topic; limit 1-100; cursor from the last page.")
  @APIResponse(
      responseCode = "200",
      description = "A page of rooms (items: RoomView)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Page.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  public Page<RoomView> list(
      @QueryParam("q") String q,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    var size = Params.optionalInt("limit", limit);
    int n = size == null ? DEFAULT_LIMIT : size;
    if (n < 1 || n > MAX_LIMIT) {
      throw new ValidationException("limit", "limit must be between 1 and " + MAX_LIMIT + ".");
    }
    if (q != null && q.length() > 64) {
      throw new ValidationException("q", "The search text must be at most 64 characters.");
    }
    var rows = rooms.search(me().id(), q, n + 1, decode(cursor));
    if (rows.size() <= n) {
      return new Page<>(rows, null);
    }
    var page = rows.subList(0, n);
    return new Page<>(List.copyOf(page), encode(page.get(n - 1).name().toLowerCase(Locale.ROOT)));
  }

  @POST
  @Operation(summary = "Create a room; the caller owns it")
  @APIResponse(
      responseCode = "201",
      description = "The room; Location names it",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RoomView.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "429", ref = "TooManyRequests")
  public Response create(RoomRequests.Create body, @Context UriInfo uri) {
    if (body == null) {
      throw new ValidationException("body", "Send {name, topic, visibility, password} as JSON.");
    }
    var room = rooms.create(me(), body.name(), body.topic(), body.visibility(), body.password());
    return Response.created(uri.getAbsolutePathBuilder().path(room.id()).build())
        .entity(room)
        .build();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One room")
  @APIResponse(
      responseCode = "200",
      description = "The room",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RoomView.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public RoomView get(@PathParam("id") String id) {
    return rooms.get(me().id(), id);
  }

  @PATCH
  @Path("{id}")
  @Operation(
      summary = "Change topic, visibility, password or mode (owner, admin)",
      description =
          "mode: meeting (everyone may show) or broadcast (only the owner, presenters and people"
              + " invited on stage show; switching unshows everyone else).")
  @APIResponse(
      responseCode = "200",
      description = "The room",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RoomView.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public RoomView update(@PathParam("id") String id, RoomRequests.Update body) {
    if (body == null) {
      throw new ValidationException("body", "Send {topic, visibility, password, mode} as JSON.");
    }
    return rooms.update(me(), id, body.topic(), body.visibility(), body.password(), body.mode());
  }

  @DELETE
  @Path("{id}")
  @Operation(summary = "Delete a room (owner)")
  @APIResponse(responseCode = "204", description = "Deleted; its occupants are told")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public Response delete(@PathParam("id") String id) {
    rooms.delete(me(), id);
    return Response.noContent().build();
  }

  @GET
  @Path("{id}/members")
  @Operation(summary = "The members and their roles")
  @APIResponse(
      responseCode = "200",
      description = "A page of members (items: RoomService.Member)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Page.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public Page<RoomService.Member> members(@PathParam("id") String id) {
    return new Page<>(rooms.members(me().id(), id), null);
  }

  @GET
  @Path("{id}/messages")
  @Operation(
      summary = "Room history, newest first",
      description = "before: messages with a smaller id; limit 1-100.")
  @APIResponse(
      responseCode = "200",
      description = "A page of messages",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = History.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public History history(
      @PathParam("id") String id,
      @QueryParam("before") String before,
      @QueryParam("limit") String limit) {
    var page =
        rooms.history(
            me().id(),
            id,
            Params.optionalLong("before", before),
            Params.optionalInt("limit", limit));
    return new History(page.items(), page.nextCursor().orElse(null), page.readUpTo());
  }

  @POST
  @Path("{id}/kicks")
  @Operation(summary = "Remove someone from the room (owner, admin)")
  @APIResponse(responseCode = "204", description = "Kicked")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public Response kick(@PathParam("id") String id, RoomRequests.Moderate body) {
    var me = me();
    var username = username(body == null ? null : body.username());
    moderation.kick(me, id, username, body.reason());
    audited(me, "room.kicked", id, username, body.reason());
    return Response.noContent().build();
  }

  @POST
  @Path("{id}/bans")
  @Operation(summary = "Ban someone from the room (owner, admin)")
  @APIResponse(responseCode = "204", description = "Banned")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public Response ban(@PathParam("id") String id, RoomRequests.Moderate body) {
    var me = me();
    var username = username(body == null ? null : body.username());
    moderation.ban(me, id, username, body.reason());
    audited(me, "room.banned", id, username, body.reason());
    return Response.noContent().build();
  }

  /** A kick or ban, after it committed, with the moderator's address. */
  private void audited(UserRef me, String action, String roomId, String username, String reason) {
    var detail = reason == null || reason.isBlank() ? null : "reason: " + reason.strip();
    audit.fire(
        new AuditEvent(
            me, action, username + " in room " + roomId, detail, request.getRemoteAddr()));
  }

  @GET
  @Path("{id}/bans")
  @Operation(summary = "The room's bans (owner, admin)")
  @APIResponse(
      responseCode = "200",
      description = "A page of bans (items: RoomModeration.Ban)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Page.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public Page<RoomModeration.Ban> bans(@PathParam("id") String id) {
    return new Page<>(moderation.bans(me(), id), null);
  }

  @DELETE
  @Path("{id}/bans/{username}")
  @Operation(summary = "Lift a ban (owner, admin)")
  @APIResponse(responseCode = "204", description = "Lifted")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public Response unban(@PathParam("id") String id, @PathParam("username") String username) {
    moderation.unban(me(), id, username);
    return Response.noContent().build();
  }

  @PUT
  @Path("{id}/members/{username}/role")
  @Operation(summary = "Set a member's role (owner)")
  @APIResponse(
      responseCode = "200",
      description = "The members",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema =
                  @Schema(
                      implementation = RoomService.Member.class,
                      type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public List<RoomService.Member> role(
      @PathParam("id") String id, @PathParam("username") String username, RoomRequests.Role body) {
    moderation.setRole(me(), id, username, body == null ? null : body.role());
    return rooms.members(me().id(), id);
  }

  @DELETE
  @Path("{id}/messages/{messageId}")
  @Operation(summary = "Delete a message (its author, owner, admin)")
  @APIResponse(responseCode = "204", description = "Deleted; occupants are told")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public Response deleteMessage(
      @PathParam("id") String id, @PathParam("messageId") String messageId) {
    var messageNumber = Params.optionalLong("messageId", messageId);
    moderation.deleteMessage(me(), id, messageNumber == null ? 0 : messageNumber);
    return Response.noContent().build();
  }

  @POST
  @Path("{id}/invites")
  @Operation(summary = "Invite someone to a private room")
  @APIResponse(responseCode = "204", description = "Invited")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public Response invite(@PathParam("id") String id, RoomRequests.Invite body) {
    moderation.invite(me(), id, username(body == null ? null : body.username()));
    return Response.noContent().build();
  }

  private UserRef me() {
    return UserRef.of(currentUser.account());
  }

  private static String username(String username) {
    if (username == null || username.isBlank()) {
      throw new ValidationException("username", "Name the user: {\"username\": \"...\"}.");
    }
    return username;
  }

  private static String encode(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return "";
    }
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("cursor", "The cursor is not one this server gave out.");
    }
  }
}
