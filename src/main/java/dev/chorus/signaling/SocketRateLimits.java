package dev.chorus.signaling;

import dev.chorus.im.common.TokenBuckets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The rate limit of every client message type, per user (all of a user's tabs share it): a token
 * bucket of {@code burst} messages refilled at {@code perSecond}. A message over its limit is not
 * handled; the client gets {@code rate_limited} with the request id and {@code retryAfterMs}.
 *
 * <p>This is the one table; {@link SocketRouter} refuses to start if a routed type has no entry, so
 * a new message type cannot slip in unlimited. Each entry can be overridden with the config key
 * {@code chorus.socket.rate.<type>=<burst>/<perSecond>}. Domain budgets apply on top: chat and room
 * messages also spend the user's {@code chorus.chat.*} send budget, typing notices are forwarded at
 * most once a second per recipient ({@link TypingThrottle}).
 */
final class SocketRateLimits {
  /** A token bucket's size and refill rate. */
  record Rate(int burst, double perSecond) {
    Rate {
      if (burst < 1 || !(perSecond > 0)) {
        throw new IllegalArgumentException("a rate needs burst >= 1 and perSecond > 0");
      }
    }

    /** {@code "20/5"} or {@code "20/0.5"}. */
    static Rate parse(String text) {
      var parts = text.trim().split("/");
      if (parts.length != 2) {
        throw new IllegalArgumentException("a rate is <burst>/<perSecond>, not " + text);
      }
      return new Rate(Integer.parseInt(parts[0].trim()), Double.parseDouble(parts[1].trim()));
    }
  }

  /**
   * Defaults, generous for a person and tight for a script. Expensive types (a room password is an
   * Argon2 hash, a transport costs ports and DTLS) get small buckets; ICE candidates and call
   * signals come in bursts during setup.
   */
  static final Map<String, Rate> DEFAULTS =
      Map.ofEntries(
          Map.entry("auth", new Rate(3, 0.2)),
          Map.entry("ping", new Rate(5, 1)),
          Map.entry("presence.set", new Rate(10, 0.5)),
          Map.entry("chat.send", new Rate(30, 10)),
          Map.entry("chat.read", new Rate(30, 5)),
          Map.entry("chat.typing", new Rate(10, 2)),
          Map.entry("call.invite", new Rate(5, 0.2)),
          Map.entry("call.accept", new Rate(10, 1)),
          Map.entry("call.reject", new Rate(10, 1)),
          Map.entry("call.cancel", new Rate(10, 1)),
          Map.entry("call.hangup", new Rate(10, 1)),
          Map.entry("call.signal", new Rate(100, 20)),
          // A person may be in chorus.rooms.max-rooms-per-user (20) rooms: entering them all at
          // once
          // (a reconnect, a script) must fit in one burst.
          Map.entry("room.enter", new Rate(30, 1)),
          Map.entry("room.leave", new Rate(30, 1)),
          Map.entry("room.show", new Rate(10, 0.5)),
          Map.entry("room.unshow", new Rate(10, 0.5)),
          Map.entry("room.send", new Rate(30, 10)),
          Map.entry("room.read", new Rate(30, 5)),
          Map.entry("room.hand", new Rate(10, 0.5)),
          Map.entry("room.stage", new Rate(10, 0.5)),
          Map.entry("room.media.publish", new Rate(10, 0.5)),
          Map.entry("room.media.subscribe", new Rate(10, 0.5)),
          Map.entry("room.media.answer", new Rate(20, 2)),
          Map.entry("room.media.candidate", new Rate(100, 20)),
          Map.entry("room.media.mute", new Rate(20, 2)),
          Map.entry("room.media.layer", new Rate(20, 2)),
          Map.entry("room.media.close", new Rate(10, 0.5)),
          Map.entry("media.echo.offer", new Rate(5, 0.2)),
          Map.entry("media.echo.candidate", new Rate(100, 20)),
          Map.entry("media.echo.stop", new Rate(5, 0.2)));

  /** Users tracked at once per type; far more than use one type within one refill time. */
  static final int MAX_USERS = 100_000;

  private final Map<String, TokenBuckets> limiters;

  /**
   * @param override a configured rate for a type, if any (the {@code chorus.socket.rate.*} keys)
   */
  SocketRateLimits(Clock clock, Function<String, Optional<String>> override) {
    var map = new HashMap<String, TokenBuckets>();
    DEFAULTS.forEach(
        (type, rate) -> {
          var r = override.apply(type).map(Rate::parse).orElse(rate);
          map.put(type, new TokenBuckets(r.burst(), r.perSecond(), MAX_USERS, clock));
        });
    limiters = Map.copyOf(map);
  }

  /** The types the table has no entry for (must be none). */
  static Set<String> missing(Set<String> routed) {
    var missing = new java.util.TreeSet<>(routed);
    missing.removeAll(DEFAULTS.keySet());
    return missing;
  }

  /**
   * Takes one message of this type from the user's budget.
   *
   * @throws SocketError {@code rate_limited}, carrying the request id and when to retry
   */
  void acquire(String accountId, Envelope message) throws SocketError {
    var limiter = limiters.get(message.type());
    if (limiter == null) {
      return; // unknown types are answered unknown_type by the router
    }
    var wait = limiter.tryTake(accountId);
    if (wait.isPresent()) {
      throw new SocketError(
          message.id(),
          "rate_limited",
          "Too many '" + message.type() + "' messages. Wait a moment.",
          wait.get().toMillis());
    }
  }
}
