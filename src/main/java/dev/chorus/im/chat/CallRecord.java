package dev.chorus.im.chat;

import java.time.Duration;

/**
 * A call as history shows it: {@code media} "audio" or "video"; {@code outcome} "completed",
 * "missed", "declined", "busy", "cancelled" or "failed"; the duration of a completed call.
 */
public record CallRecord(String media, String outcome, long durationMs) {
  /** The text shown where a client does not understand call records. */
  public String summary() {
    var kind = "video".equals(media) ? "Video call" : "Audio call";
    return switch (outcome) {
      case "completed" -> kind + ", " + clock(Duration.ofMillis(durationMs));
      case "missed" -> "Missed " + kind.toLowerCase(java.util.Locale.ROOT);
      case "declined" -> kind + " declined";
      case "busy" -> kind + ": busy";
      case "cancelled" -> kind + " cancelled";
      default -> kind + " failed";
    };
  }

  static String clock(Duration d) {
    long s = d.toSeconds();
    return s >= 3600
        ? "%d:%02d:%02d".formatted(s / 3600, s / 60 % 60, s % 60)
        : "%d:%02d".formatted(s / 60, s % 60);
  }
}
