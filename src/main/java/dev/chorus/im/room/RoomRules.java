package dev.chorus.im.room;

import dev.chorus.im.common.FieldError;
import dev.chorus.im.common.ValidationException;
import java.util.ArrayList;
import java.util.Locale;
import java.util.regex.Pattern;

/** What valid room settings look like. */
public final class RoomRules {
  public static final int NAME_MIN = 3;
  public static final int NAME_MAX = 40;
  public static final int TOPIC_MAX = 200;
  public static final int PASSWORD_MIN = 6;
  public static final int PASSWORD_MAX = 128;
  public static final int REASON_MAX = 200;
  public static final String MEETING = "meeting";
  public static final String BROADCAST = "broadcast";
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._-]+");

  private RoomRules() {}

  /** Normalised settings of a new room. */
  public record NewRoom(
      String name, String nameKey, String topic, boolean privateRoom, String password) {}

  public static NewRoom validate(String name, String topic, String visibility, String password) {
    var errors = new ArrayList<FieldError>();
    var n = name == null ? "" : name.strip().replaceAll("\\s+", " ");
    if (n.length() < NAME_MIN || n.length() > NAME_MAX) {
      errors.add(
          new FieldError(
              "name", "A room name is " + NAME_MIN + " to " + NAME_MAX + " characters long."));
    } else if (!NAME.matcher(n).matches()) {
      errors.add(
          new FieldError(
              "name", "A room name may contain letters, digits, spaces, '.', '_' and '-'."));
    }
    var t = topic(topic, errors);
    var v = visibility(visibility, errors);
    var p = password(password, errors);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return new NewRoom(n, n.toLowerCase(Locale.ROOT), t, v, p);
  }

  /** A topic as stored: trimmed, empty when missing. */
  static String topic(String topic, java.util.List<FieldError> errors) {
    var t = topic == null ? "" : topic.strip();
    // Counted in UTF-16 units, as the column (H2) counts them: 200 emoji would not fit.
    if (t.length() > TOPIC_MAX) {
      errors.add(new FieldError("topic", "A topic is at most " + TOPIC_MAX + " characters long."));
    } else if (t.codePoints().anyMatch(Character::isISOControl)) {
      errors.add(new FieldError("topic", "A topic must not contain control characters."));
    }
    return t;
  }

  /** True for private; public when missing. */
  static boolean visibility(String visibility, java.util.List<FieldError> errors) {
    if (visibility == null || visibility.equals("public")) {
      return false;
    }
    if (visibility.equals("private")) {
      return true;
    }
    errors.add(new FieldError("visibility", "Visibility is 'public' or 'private'."));
    return false;
  }

  /** True for broadcast, false for meeting; null when missing (unchanged). */
  static Boolean mode(String mode, java.util.List<FieldError> errors) {
    if (mode == null) {
      return null;
    }
    if (mode.equals(MEETING) || mode.equals(BROADCAST)) {
      return mode.equals(BROADCAST);
    }
    errors.add(new FieldError("mode", "Mode is 'meeting' or 'broadcast'."));
    return null;
  }

  /** The wire name of a room's mode. */
  public static String mode(boolean broadcast) {
    return broadcast ? BROADCAST : MEETING;
  }

  /** A password, or null for none ("" or missing). */
  static String password(String password, java.util.List<FieldError> errors) {
    if (password == null || password.isEmpty()) {
      return null;
    }
    if (password.length() < PASSWORD_MIN || password.length() > PASSWORD_MAX) {
      errors.add(
          new FieldError(
              "password",
              "A room password is "
                  + PASSWORD_MIN
                  + " to "
                  + PASSWORD_MAX
                  + " characters long (or empty for none)."));
    }
    return password;
  }

  /** A moderator's reason, trimmed; null when blank. */
  public static String reason(String reason) {
    if (reason == null || reason.isBlank()) {
      return null;
    }
    var r = reason.strip();
    if (r.length() > REASON_MAX) {
      throw new ValidationException(
          "reason", "A reason is at most " + REASON_MAX + " characters long.");
    }
    return r;
  }
}
