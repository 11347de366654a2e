package dev.chorus.im.call;

import dev.chorus.im.common.ValidationException;
import java.util.Locale;

/** What a call carries; history records it as {@link #label()}. */
public enum CallMedia {
  AUDIO,
  VIDEO;

  /** "audio" or "video". */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The media named {@code label}, or a validation failure. */
  public static CallMedia of(String label) {
    for (var m : values()) {
      if (m.label().equals(label)) {
        return m;
      }
    }
    throw new ValidationException("media", "'media' must be audio or video.");
  }
}
