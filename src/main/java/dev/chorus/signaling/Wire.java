package dev.chorus.signaling;

import dev.chorus.im.account.UserRef;
import dev.chorus.im.chat.ChatMessage;
import dev.chorus.im.presence.OnlineUser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** The JSON shapes of domain objects on the socket (the same as in the REST API). */
public final class Wire {
  private Wire() {}

  public static JsonObjectBuilder user(UserRef u) {
    return Json.createObjectBuilder()
        .add("id", u.id())
        .add("username", u.username())
        .add("displayName", u.displayName());
  }

  public static JsonObject message(ChatMessage m) {
    var b =
        Json.createObjectBuilder()
            .add("id", m.id())
            .add("from", user(m.from()))
            .add("to", user(m.to()))
            .add("text", m.text())
            .add("sentAt", m.sentAt().toString());
    if (m.clientMessageId() != null) {
      b.add("clientMessageId", m.clientMessageId());
    }
    if (m.call() != null) {
      b.add(
          "call",
          Json.createObjectBuilder()
              .add("media", m.call().media())
              .add("outcome", m.call().outcome())
              .add("durationMs", m.call().durationMs()));
    }
    return b.build();
  }

  static JsonObject onlineUser(OnlineUser o) {
    return user(o.user()).add("status", o.status().wire()).build();
  }

  public static JsonObjectBuilder push(String type) {
    return Json.createObjectBuilder().add("type", type);
  }
}
