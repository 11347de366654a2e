package dev.chorus.admin.jmx;

import java.util.List;

/** {@code dev.chorus:type=Connections}: the WebSockets and who is online, and disconnecting. */
public interface ConnectionsMXBean {
  int getOpenSockets();

  int getUnauthenticatedSockets();

  int getUsersOnline();

  /** Usernames with at least one socket open, sorted. */
  List<String> getOnlineUsernames();

  long getQueuedBytes();

  long getClosedTooSlow();

  /**
   * Closes every socket of the user (code 1008, "disconnected by an administrator"): they go
   * offline and leave their rooms. Their session stays valid, so the client may reconnect; to keep
   * them out, disable or revoke over the admin REST API.
   *
   * @return the number of sockets closed (0 if the user had none open)
   */
  int disconnectUser(String username);
}
