package dev.chorus.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;

/** A registered, logged-in test user and helpers to act as them over REST and the socket. */
public record Users(TestClient client, String username, String token) {
  public static Users create(TestClient client, String prefix) {
    var name = TestClient.uniqueName(prefix);
    var reg = client.register(name, "password-1", "Name of " + name);
    if (reg.status() != 201) {
      throw new AssertionError(reg.text());
    }
    var token = client.login(name, "password-1").json().getString("token");
    return new Users(client, name, token);
  }

  /** A new tab: connected and past its welcome and presence snapshot. */
  public WsClient tab() {
    var ws = WsClient.connect(client, token);
    ws.nextOfType("welcome");
    return ws;
  }

  public String displayName() {
    return "Name of " + username;
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
