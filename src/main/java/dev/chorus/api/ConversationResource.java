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

/**
 * {@code /api/conversations}: the caller's direct conversations and their history. The path names
 * the other participant, so a caller can only ever read their own conversations.
 */
@Path("conversations")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ConversationResource {
  @Inject ChatService chat;
  @Inject PresenceService presence;
  @Inject CurrentUser currentUser;

  @GET
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
