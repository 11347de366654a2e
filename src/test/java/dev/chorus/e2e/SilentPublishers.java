package dev.chorus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chorus.it.SdpFixtures;
import dev.chorus.it.TestClient;
import dev.chorus.it.Users;
import dev.chorus.it.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Socket tabs that publish in a room the way a browser whose connection never comes up does: they
 * enter, show, send Chromium's real offer ({@code room.media.publish}) and then never answer a
 * connectivity check nor send a packet. The server accepts each (a publisher, producers, tracks
 * offered to everyone) and fails its transport after the ICE timeout; until then the room's
 * publisher cap counts them.
 */
final class SilentPublishers implements AutoCloseable {
  /** Tabs per user, under {@code chorus.socket.max-per-user}. */
  private static final int TABS_PER_USER = 8;

  private final TestClient rest;
  private final String roomId;
  private final List<Users> users = new ArrayList<>();
  private final List<WsClient> tabs = new ArrayList<>();
  private int published;

  SilentPublishers(TestClient rest, String roomId) {
    this.rest = rest;
    this.roomId = roomId;
  }

  /** The users whose tabs publish, first one first. */
  List<Users> users() {
    return users;
  }

  /**
   * One more tab: enters, shows and publishes. Returns the reply's type ({@code
   * room.media.published}) or the error's code (e.g. {@code media_limit}).
   */
  String publishOne() {
    if (tabs.size() % TABS_PER_USER == 0) {
      users.add(Users.create(rest, "silent"));
    }
    var tab = users.get(users.size() - 1).tab();
    tabs.add(tab);
    assertEquals("room.entered", request(tab, "room.enter", Json.createObjectBuilder()));
    assertEquals("ack", request(tab, "room.show", Json.createObjectBuilder()));
    var ufrag = "sil" + tabs.size();
    var sdp =
        SdpFixtures.chromiumOfferWithoutCandidates()
            .replace("a=ice-ufrag:gStE", "a=ice-ufrag:" + ufrag);
    var reply = request(tab, "room.media.publish", Json.createObjectBuilder().add("sdp", sdp));
    if (reply.equals("room.media.published")) {
      published++;
    }
    return reply;
  }

  /**
   * Publishes until the server refuses one with {@code media_limit} (the room's publisher cap, so
   * whatever {@code chorus.media.max-publishers-per-room} says); returns how many publish.
   */
  int fillTheRoom() {
    for (int i = 0; i < 200; i++) {
      var reply = publishOne();
      if (reply.equals("media_limit")) {
        closeLast();
        return published;
      }
      assertEquals("room.media.published", reply);
    }
    throw new AssertionError("no media_limit after 200 publishers");
  }

  /** Closes the newest tab: its socket closing ends its transport, and frees its place. */
  void closeLast() {
    var tab = tabs.remove(tabs.size() - 1);
    tab.close();
  }

  @Override
  public void close() {
    for (var tab : tabs) {
      tab.close();
    }
    tabs.clear();
  }

  /** Sends a room request and returns the type of its reply, or the error's code. */
  private String request(WsClient tab, String type, JsonObjectBuilder fields) {
    var id = type + "-" + System.nanoTime();
    tab.send(fields.add("type", type).add("id", id).add("roomId", roomId).build());
    JsonObject reply = tab.next(m -> id.equals(m.getString("id", null)), Duration.ofSeconds(10));
    var kind = reply.getString("type");
    return kind.equals("error") ? reply.getString("code") : kind;
  }
}
