package dev.chorus.streams;

import dev.chorus.im.account.AccountService;
import dev.chorus.im.account.UserRef;
import dev.chorus.im.common.TokenBuckets;
import dev.chorus.im.room.RoomStreamDoor;
import dev.chorus.im.session.SessionService;
import dev.chorus.im.stream.StreamCredentials;
import dev.chorus.im.stream.StreamGrant;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every credential check of the WHIP and WHEP endpoints, in one place. A bearer secret starting
 * with {@code csk_} is a stream key (verified by the {@link StreamCredentials} bean; without one,
 * keys are refused as unknown); anything else is a session token. Never anonymous.
 *
 * <p>WHIP: a PUBLISH key of that room, or a session of someone who may publish there ({@link
 * RoomStreamDoor#requirePublisher}). WHEP and the list of streams: a VIEW or PUBLISH key of the
 * room, or a session of someone who may see the room and is not banned. POSTs are rate limited per
 * client address ({@code chorus.streams.posts-per-minute}).
 */
@ApplicationScoped
public class StreamAuth {
  static final String KEY_PREFIX = "csk_";
  private static final String BEARER = "Bearer ";

  @Inject SessionService sessions;
  @Inject AccountService accounts;
  @Inject RoomStreamDoor door;
  @Inject Instance<StreamCredentials> keys;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "chorus.streams.posts-per-minute", defaultValue = "30")
  int postsPerMinute;

  private TokenBuckets posts;

  @PostConstruct
  void init() {
    int perMinute = Math.max(1, postsPerMinute);
    posts = new TokenBuckets(perMinute, perMinute / 60.0, 10_000, clock);
  }

  /** The caller of a request with this Authorization header. */
  StreamCaller authenticate(String authorization, String address) throws StreamRefusal {
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw unauthorized("Send 'Authorization: Bearer <token or stream key>'.");
    }
    var secret = authorization.substring(BEARER.length()).strip();
    if (secret.startsWith(KEY_PREFIX)) {
      var grant =
          verifyKey(secret, address)
              .orElseThrow(() -> unauthorized("Unknown or revoked stream key."));
      var owner =
          accounts
              .findById(grant.createdBy())
              .map(UserRef::of)
              .orElse(new UserRef(grant.createdBy(), "unknown", grant.name()));
      return new StreamCaller.Key(owner, grant);
    }
    var session =
        sessions
            .verify(secret)
            .orElseThrow(() -> unauthorized("The token is invalid or has expired. Log in again."));
    return new StreamCaller.Session(UserRef.of(session.account()), session.tokenHash());
  }

  /** May {@code caller} publish into the room? */
  void requirePublisher(StreamCaller caller, String roomId) throws StreamRefusal {
    if (caller instanceof StreamCaller.Key key) {
      requireRoomOfKey(key, roomId);
      if (key.grant().purpose() != StreamGrant.Purpose.PUBLISH) {
        throw new StreamRefusal(403, "wrong_key", "A view key cannot publish; use a publish key.");
      }
      door.requireRoom(roomId);
    } else {
      door.requirePublisher(caller.owner().id(), roomId);
    }
  }

  /** May {@code caller} watch the room's streams? */
  void requireViewer(StreamCaller caller, String roomId) throws StreamRefusal {
    if (caller instanceof StreamCaller.Key key) {
      requireRoomOfKey(key, roomId);
      door.requireRoom(roomId);
    } else {
      door.requireViewer(caller.owner().id(), roomId);
    }
  }

  /** One POST of this address; refused when over its rate. */
  void requirePostAllowed(String address) throws StreamRefusal {
    Optional<Duration> wait = posts.tryTake(address == null ? "?" : address);
    if (wait.isPresent()) {
      throw new StreamRefusal(
          429,
          "rate_limited",
          "Too many WHIP/WHEP requests from this address; retry in "
              + Math.max(1, wait.get().toSeconds())
              + " s.");
    }
  }

  private static void requireRoomOfKey(StreamCaller.Key key, String roomId) throws StreamRefusal {
    if (!key.grant().roomId().equals(roomId)) {
      throw new StreamRefusal(403, "wrong_key", "This stream key is for another room.");
    }
  }

  private Optional<StreamGrant> verifyKey(String secret, String address) {
    if (keys.isUnsatisfied() || keys.isAmbiguous()) {
      return Optional.empty();
    }
    return keys.get().verify(secret, address);
  }

  private static StreamRefusal unauthorized(String message) {
    return new StreamRefusal(401, "unauthorized", message);
  }
}
