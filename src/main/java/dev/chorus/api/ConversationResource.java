package dev.chorus.api;

import dev.chorus.api.auth.Authenticated;
import dev.chorus.api.auth.CurrentUser;
import dev.chorus.api.dto.ConversationView;
import dev.chorus.api.dto.HistoryView;
import dev.chorus.api.dto.Page;
import dev.chorus.api.dto.UserView;
import dev.chorus.im.account.UserRef;
import dev.chorus.im.chat.ChatService;
import dev.chorus.im.presence.PresenceService;
import dev.chorus.wire.MessageView;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/conversations}: the caller's direct conversations and their history. The path names
 * the other participant, so a caller can only ever read their own conversations.
 */
@Path("conversations")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "conversations")
@SecurityRequirement(name = ChorusApplication.BEARER)
public class ConversationResource {
  @Inject ChatService chat;
  @Inject PresenceService presence;
  @Inject CurrentUser currentUser;

  @GET
  @Operation(summary = "The caller's direct conversations")
  @APIResponse(
      responseCode = "200",
      description = "A page of conversations (items: ConversationView)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Page.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  public Page<ConversationView> list() {
    var items =
        chat.conversations(me()).stream()
            .map(
                c ->
                    new ConversationView(
                        UserView.of(c.with(), presence.status(c.with().id())),
                        MessageView.of(c.lastMessage()),
                        c.unread(),
                        c.readUpTo(),
                        c.otherReadUpTo()))
            .toList();
    return new Page<>(items, null);
  }

  @GET
  @Path("{username}/messages")
  @Operation(
      summary = "History with one person, newest first",
      description = "before: messages with a smaller id; limit 1-100.")
  @APIResponse(
      responseCode = "200",
      description = "A page of messages",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = HistoryView.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public HistoryView history(
      @PathParam("username") String username,
      @QueryParam("before") String before,
      @QueryParam("limit") String limit) {
    var page =
        chat.history(
            me(),
            username,
            Params.optionalLong("before", before),
            Params.optionalInt("limit", limit));
    return new HistoryView(
        page.items().stream().map(MessageView::of).toList(),
        page.nextCursor().orElse(null),
        page.readUpTo(),
        page.otherReadUpTo());
  }

  private UserRef me() {
    return UserRef.of(currentUser.account());
  }
}
