package dev.chorus.signaling;

import dev.chorus.im.account.UserRef;
import dev.chorus.im.chat.ChatMessage;
import dev.chorus.im.presence.OnlineUser;
import dev.chorus.wire.JsonP;
import dev.chorus.wire.MessageView;
import dev.chorus.wire.WireJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * Domain objects on the socket: the shapes themselves are the records of {@code dev.chorus.wire}
 * (and the {@code im} records the REST API returns), serialized as the REST API does.
 */
public final class Wire {
  private Wire() {}

  /** A builder, so a push can add to the user (presence adds {@code status}). */
  public static JsonObjectBuilder user(UserRef u) {
    return JsonP.object(WireJson.object(u));
  }

  public static JsonObject message(ChatMessage m) {
    return WireJson.object(MessageView.of(m));
  }

  static JsonObject onlineUser(OnlineUser o) {
    return user(o.user()).add("status", o.status().wire()).build();
  }

  public static JsonObjectBuilder push(String type) {
    return JsonP.object().add("type", type);
  }
}
