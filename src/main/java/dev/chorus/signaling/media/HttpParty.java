package dev.chorus.signaling.media;

import dev.chorus.im.account.UserRef;
import dev.chorus.media.sfu.transport.TransportState;
import jakarta.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * A WHIP publisher or WHEP player: a party with one transport and no socket. Its id is {@code
 * whip-<session>} or {@code whep-<session>}; its user is the stream's pseudo-occupant (WHIP) or the
 * viewer (WHEP). Room messages meant for a tab are dropped (and counted); the end of its transport
 * ends its session.
 */
final class HttpParty implements Tab {
  private final Kind kind;
  private final String sessionId;
  private final UserRef user;
  private final String streamPrefix;
  private final BiConsumer<String, String> onEnded;
  private final AtomicLong dropped = new AtomicLong();

  /**
   * @param onEnded told (session id, reason) when its transport ended
   */
  HttpParty(
      Kind kind,
      String sessionId,
      UserRef user,
      String streamPrefix,
      BiConsumer<String, String> onEnded) {
    if (kind == Kind.SOCKET) {
      throw new IllegalArgumentException("an HTTP party is WHIP or WHEP");
    }
    this.kind = kind;
    this.sessionId = sessionId;
    this.user = user;
    this.streamPrefix = streamPrefix;
    this.onEnded = onEnded;
  }

  @Override
  public String id() {
    return (kind == Kind.WHIP ? "whip-" : "whep-") + sessionId;
  }

  String sessionId() {
    return sessionId;
  }

  @Override
  public UserRef user() {
    return user;
  }

  @Override
  public void send(JsonObject message) {
    dropped.incrementAndGet();
  }

  /** Messages for a tab that this party could not receive. */
  long dropped() {
    return dropped.get();
  }

  @Override
  public Kind kind() {
    return kind;
  }

  @Override
  public String streamPrefix() {
    return streamPrefix;
  }

  @Override
  public void transportEnded(String direction, TransportState state) {
    onEnded.accept(sessionId, "transport_" + state.name().toLowerCase(java.util.Locale.ROOT));
  }
}
