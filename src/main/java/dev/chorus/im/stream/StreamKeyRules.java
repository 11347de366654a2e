package dev.chorus.im.stream;

import dev.chorus.im.account.Tokens;
import dev.chorus.im.common.ConflictException;
import dev.chorus.im.common.ValidationException;
import dev.chorus.im.stream.StreamGrant.Purpose;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** What a stream key looks like and may be called; plain Java, unit-tested. */
public final class StreamKeyRules {
  /** Every secret starts so: it routes a bearer to the key check, and secret scanners find it. */
  public static final String PREFIX = "csk_";

  public static final int MAX_NAME = 40;

  /** Keys a room may have that are not revoked. */
  public static final int MAX_PER_ROOM = 20;

  /** How often a key's last use is written at most. */
  public static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  private StreamKeyRules() {}

  /** A new secret: the prefix and 256 random bits. Shown once, never stored. */
  static String newSecret() {
    return PREFIX + Tokens.newToken();
  }

  /** Whether a bearer credential is meant as a stream key (it may still be a wrong one). */
  public static boolean isStreamKey(String bearer) {
    return bearer != null && bearer.startsWith(PREFIX);
  }

  /** Cheap shape check, so junk never reaches the database. */
  static boolean looksValid(String secret) {
    return isStreamKey(secret) && Tokens.looksValid(secret.substring(PREFIX.length()));
  }

  /**
   * A key's name, stripped: 1 to 40 characters, no control characters.
   *
   * @throws ValidationException naming the field {@code name}
   */
  static String name(String name) {
    var n = name == null ? "" : name.strip();
    if (n.isEmpty()) {
      throw new ValidationException("name", "Name the key, for example 'OBS in the studio'.");
    }
    if (n.codePointCount(0, n.length()) > MAX_NAME) {
      throw new ValidationException(
          "name", "A key's name must be at most " + MAX_NAME + " characters.");
    }
    if (n.codePoints().anyMatch(Character::isISOControl)) {
      throw new ValidationException("name", "A key's name must not contain control characters.");
    }
    return n;
  }

  /**
   * {@code publish} (the default, for WHIP) or {@code view} (for WHEP, an embedded player).
   *
   * @throws ValidationException naming the field {@code purpose}
   */
  static Purpose purpose(String purpose) {
    if (purpose == null || purpose.isBlank()) {
      return Purpose.PUBLISH;
    }
    return switch (purpose.strip().toLowerCase(Locale.ROOT)) {
      case "publish" -> Purpose.PUBLISH;
      case "view" -> Purpose.VIEW;
      default -> throw new ValidationException("purpose", "purpose is 'publish' or 'view'.");
    };
  }

  /** The wire name of a purpose: {@code publish} or {@code view}. */
  public static String wire(Purpose purpose) {
    return purpose.name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws ConflictException {@code too_many_keys} when the room has its maximum of live keys
   */
  static void requireRoomForAnother(long liveKeys) {
    if (liveKeys >= MAX_PER_ROOM) {
      throw new ConflictException(
          "too_many_keys",
          "A room can have at most "
              + MAX_PER_ROOM
              + " stream keys. Revoke one you no longer use first.");
    }
  }

  /** Whether a key last used at {@code last} (null: never) should be marked used {@code now}. */
  static boolean dueForTouch(Instant last, Instant now, Duration every) {
    return last == null || !now.isBefore(last.plus(every));
  }
}
