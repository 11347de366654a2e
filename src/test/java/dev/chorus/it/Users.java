package dev.chorus.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;

/** A registered, logged-in test user and helpers to act as them over REST and the socket. */
public record Users(TestClient client, String username, String displayName, String token) {
  /** A new user named {@code prefix} plus a unique suffix, displayed as "Name of" that. */
  public static Users create(TestClient client, String prefix) {
    return create(client, prefix, null);
  }

  /** A new user named {@code prefix} plus a unique suffix, with the given display name. */
  public static Users create(TestClient client, String prefix, String displayName) {
    var name = TestClient.uniqueName(prefix);
    var shown = displayName == null ? "Name of " + name : displayName;
    var reg = client.register(name, "password-1", shown);
    if (reg.status() != 201) {
      throw new AssertionError(reg.text());
    }
    var login = client.login(name, "password-1");
    if (login.status() != 201) {
      throw new AssertionError(login.text());
    }
    return new Users(client, name, shown, login.json().getString("token"));
  }

  /** A new tab: connected and past its welcome and presence snapshot. */
  public WsClient tab() {
    var ws = WsClient.connect(client, token);
    ws.nextOfType("welcome");
    return ws;
  }

  public TestClient.Reply get(String path) {
    return client.get(path, token);
  }

  /** Sends a chat message on the tab and returns the ack. */
  public static JsonObject send(WsClient tab, String to, String text, String requestId) {
    tab.send(
        Json.createObjectBuilder()
            .add("type", "chat.send")
            .add("id", requestId)
            .add("to", to)
            .add("text", text)
            .build());
    return tab.next(
        m ->
            requestId.equals(m.getString("id", null))
                && (m.getString("type").equals("chat.ack") || m.getString("type").equals("error")),
        Duration.ofSeconds(10));
  }
}
