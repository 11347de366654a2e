package dev.chorus.signaling;

import dev.chorus.im.account.AccountService;
import dev.chorus.im.chat.ChatService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * Direct messages over the socket. {@code chat.send}: store, then acknowledge, then deliver to the
 * recipient's tabs and the sender's other tabs — in that order, so an acknowledged message is
 * always stored. {@code chat.read}: move the read marker and tell both users. {@code chat.typing}:
 * forward, throttled, never stored. Domain failures pass through to {@link SocketRouter}, which
 * answers with the same code REST shows.
 */
@ApplicationScoped
public class ChatHandler implements SocketHandler {
  @Inject ChatService chat;
  @Inject AccountService accounts;
  @Inject Connections connections;
  @Inject TypingThrottle typing;

  @Override
  public Set<String> types() {
    return Set.of("chat.send", "chat.read", "chat.typing");
  }

  @Override
  public void handle(Connection from, Envelope message) throws SocketError {
    switch (message.type()) {
      case "chat.send" -> send(from, message);
      case "chat.read" -> read(from, message);
      case "chat.typing" -> typing(from, message);
      default -> throw new IllegalArgumentException(message.type());
    }
  }

  private void send(Connection from, Envelope m) throws SocketError {
    var to = Fields.string(m, "to");
    var text = Fields.string(m, "text");
    var clientId = Fields.optionalString(m, "clientMessageId");
    var stored = chat.sendDirect(from.user(), to, text, clientId);
    var json = Wire.message(stored);
    from.send(m.reply("chat.ack").add("message", json).build());
    var push = Wire.push("chat.message").add("message", json).build();
    connections.sendTo(stored.to().id(), push, null);
    connections.sendTo(stored.from().id(), push, from);
  }

  private void read(Connection from, Envelope m) throws SocketError {
    var with = Fields.string(m, "with");
    var upTo = Fields.positiveLong(m, "upTo");
    var update = chat.markRead(from.user(), with, upTo);
    from.send(m.reply("ack").build());
    update.ifPresent(
        u -> {
          var push =
              Wire.push("chat.read")
                  .add("reader", u.reader().username())
                  .add("with", u.with().username())
                  .add("upTo", u.upTo())
                  .build();
          connections.sendTo(u.with().id(), push, null);
          connections.sendTo(u.reader().id(), push, null);
        });
  }

  private void typing(Connection from, Envelope m) throws SocketError {
    var to = Fields.string(m, "to");
    var recipient =
        accounts
            .findByUsername(to)
            .orElseThrow(
                () -> new SocketError(m.id(), "unknown_user", "There is no user '" + to + "'."));
    if (recipient.id().equals(from.accountId())
        || !typing.allow(from.accountId(), recipient.id())) {
      return;
    }
    connections.sendTo(
        recipient.id(), Wire.push("chat.typing").add("from", Wire.user(from.user())).build(), null);
  }
}
