package dev.chorus.signaling;

import java.util.Set;

/**
 * Handles some client message types. Implementations are CDI beans; {@link ChorusSocket} finds them
 * all and routes each message by its type.
 */
public interface SocketHandler {
  /** The message types this handler answers. */
  Set<String> types();

  /**
   * Handles one message from an authenticated connection.
   *
   * @throws SocketError to send the client an error reply carrying the request id
   */
  void handle(Connection from, Envelope message) throws SocketError;
}
