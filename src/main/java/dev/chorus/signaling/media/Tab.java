package dev.chorus.signaling.media;

import dev.chorus.im.account.UserRef;
import dev.chorus.signaling.Connection;
import jakarta.json.JsonObject;

/** A browser tab as room media sees it: who it is and how to reach it. */
interface Tab {
  String id();

  UserRef user();

  /** Sends a message; a closed tab drops it. */
  void send(JsonObject message);

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
