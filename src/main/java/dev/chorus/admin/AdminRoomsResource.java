package dev.chorus.admin;

import dev.chorus.api.auth.Authenticated;
import dev.chorus.api.auth.CurrentUser;
import dev.chorus.api.dto.Problem;
import dev.chorus.im.account.UserRef;
import dev.chorus.im.common.ValidationException;
import dev.chorus.im.room.RoomAdministration;
import dev.chorus.signaling.media.RoomMediaService;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/admin/rooms} (administrators only): every room, private ones included, with who is in
 * it and what its media costs; close a room, give it a new owner, take a user out of it. The rules
 * are {@link RoomAdministration}'s; each change is recorded in the audit log.
 */
@Path("admin/rooms")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "admin")
// "bearer": the scheme ChorusApplication declares (this package may not use api internals)
@SecurityRequirement(name = "bearer")
public class AdminRoomsResource {
  static final int DEFAULT_LIMIT = 50;

  @Inject CurrentUser currentUser;
  @Inject RoomAdministration rooms;
  @Inject RoomMediaService roomMedia;
  @Inject AdminAudit audit;
  @Context HttpServletRequest request;

  /** One room for an administrator; {@code owner} is null if the owner's account is gone. */
  public record AdminRoomView(
      String id,
      String name,
      String visibility,
      UserRef owner,
      long members,
      int occupants,
      int showing,
      int transports,
      int producers,
      int consumers,
      long bitrateInBps,
      long bitrateOutBps) {}

  /** A page of rooms; pass {@code nextCursor} as {@code cursor} for the next (null: last page). */
  public record AdminRoomPage(List<AdminRoomView> items, String nextCursor) {}

  /** The body of {@code PUT /api/admin/rooms/{id}/owner}. */
  public record OwnerRequest(String userId) {}

  @GET
  @Operation(
      summary = "List every room (private ones included) with occupancy and media load",
      description = "Rooms whose name or topic contains q, by name; paged with cursor/limit.")
  @APIResponse(
      responseCode = "200",
      description = "A page of rooms",
      content = @Content(schema = @Schema(implementation = AdminRoomPage.class)))
  @APIResponse(
      responseCode = "400",
      description = "limit is not 1..100",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "401",
      description = "Not logged in",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "403",
      description = "Not a Chorus administrator",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  public AdminRoomPage list(
      @QueryParam("q") String q,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    currentUser.requireAdmin();
    var page =
        rooms.list(q, cursor, AdminAudit.limit(limit, DEFAULT_LIMIT, RoomAdministration.MAX_PAGE));
    var load = new HashMap<String, MediaLoad>();
    for (var stats : roomMedia.stats()) {
      load.put(stats.roomId(), MediaLoad.of(stats));
    }
    var items =
        page.items().stream().map(r -> view(r, load.getOrDefault(r.id(), MediaLoad.NONE))).toList();
    return new AdminRoomPage(items, page.nextCursor());
  }

  @DELETE
  @Path("{id}")
  @Operation(
      summary = "Close a room",
      description =
          "Everyone in it is told (room.closed, reason closed_by_admin) and their media in it"
              + " closed; then the room, its messages, members, bans and invitations are deleted.")
  @APIResponse(responseCode = "204", description = "Closed and deleted")
  @APIResponse(
      responseCode = "403",
      description = "Not a Chorus administrator",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such room",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  public void close(@PathParam("id") String id) {
    var admin = currentUser.requireAdmin();
    var name = rooms.close(id);
    audit.record(admin, "room.closed", "room " + name, "room id " + id, request);
  }

  @PUT
  @Path("{id}/owner")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Give a room a new owner",
      description = "The previous owner stays in the room as a room admin.")
  @APIResponse(
      responseCode = "200",
      description = "The room with its new owner",
      content = @Content(schema = @Schema(implementation = AdminRoomView.class)))
  @APIResponse(
      responseCode = "400",
      description = "No userId, or no such user",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "403",
      description = "Not a Chorus administrator",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such room",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  public AdminRoomView changeOwner(@PathParam("id") String id, OwnerRequest body) {
    var admin = currentUser.requireAdmin();
    if (body == null) {
      throw new ValidationException("userId", "Send {\"userId\": \"...\"}: the new owner's id.");
    }
    var change = rooms.changeOwner(id, body.userId());
    audit.record(
        admin,
        "room.owner_changed",
        "room " + change.roomName(),
        "owner "
            + (change.previous() == null ? "(none)" : change.previous().username())
            + " -> "
            + change.owner().username()
            + "; room id "
            + id,
        request);
    return one(id);
  }

  @DELETE
  @Path("{id}/members/{userId}")
  @Operation(
      summary = "Take a user out of a room",
      description =
          "No longer a member; out of the room now with all their tabs, told so (room.kicked),"
              + " their media in it closed.")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(
      responseCode = "403",
      description = "Not a Chorus administrator",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such room or user, or not a member",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "The user owns the room: give it a new owner first",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  public void removeMember(@PathParam("id") String id, @PathParam("userId") String userId) {
    var admin = currentUser.requireAdmin();
    var removal = rooms.removeMember(UserRef.of(admin), id, userId);
    audit.record(
        admin,
        "room.member_removed",
        removal.user().username() + " in room " + removal.roomName(),
        "room id " + id,
        request);
  }

  private AdminRoomView one(String id) {
    var r = rooms.get(id);
    var m =
        roomMedia.stats().stream()
            .filter(s -> s.roomId().equals(id))
            .findFirst()
            .map(MediaLoad::of)
            .orElse(MediaLoad.NONE);
    return view(r, m);
  }

  private static AdminRoomView view(RoomAdministration.Listed r, MediaLoad m) {
    return new AdminRoomView(
        r.id(),
        r.name(),
        r.visibility(),
        r.owner(),
        r.members(),
        r.occupants(),
        r.showing(),
        m.transports(),
        m.producers(),
        m.consumers(),
        m.bitrateInBps(),
        m.bitrateOutBps());
  }
}
