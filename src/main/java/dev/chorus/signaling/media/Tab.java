package dev.chorus.signaling.media;

import dev.chorus.im.account.UserRef;
import dev.chorus.media.sfu.transport.TransportState;
import dev.chorus.signaling.Connection;
import jakarta.json.JsonObject;

/**
 * A party with media in a room as room media sees it: who it is and how to reach it. Nearly always
 * a browser tab on the socket; a WHIP publisher or WHEP player ({@link HttpParty}) has no socket.
 */
interface Tab {
  /** What kind of party: a socket tab, a WHIP publisher, a WHEP player. */
  enum Kind {
    SOCKET,
    WHIP,
    WHEP
  }

  String id();

  UserRef user();

  /** Sends a message; a closed tab drops it. */
  void send(JsonObject message);

  default Kind kind() {
    return Kind.SOCKET;
  }

  /**
   * The {@code a=msid} stream prefix of this party's tracks (subscribers and WHEP players see it),
   * or null for a random one.
   */
  default String streamPrefix() {
    return null;
  }

  /**
   * One of this party's transports ended ({@code direction} send or recv): told after the room's
   * lock is released, also when the room's media closed. A socket tab hears it as {@code
   * room.media.state}; an HTTP party ends its session.
   */
  default void transportEnded(String direction, TransportState state) {}

  static Tab of(Connection connection) {
    return new Tab() {
      @Override
      public String id() {
        return connection.id();
      }

      @Override
      public UserRef user() {
        return connection.user();
      }

      @Override
      public void send(JsonObject message) {
        connection.send(message);
      }
    };
  }
}
