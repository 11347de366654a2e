package dev.chorus.im.presence;

import java.util.Locale;
import java.util.Optional;

/** What others see of a user; {@code OFFLINE} means no tab is connected. */
public enum PresenceStatus {
  ONLINE,
  AWAY,
  DND,
  OFFLINE;

  /** The lower-case name used on the wire. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A status a user may choose for themselves (not offline), from its wire name. */
  public static Optional<PresenceStatus> choosable(String wire) {
    if (wire == null) {
      return Optional.empty();
    }
    return switch (wire) {
      case "online" -> Optional.of(ONLINE);
      case "away" -> Optional.of(AWAY);
      case "dnd" -> Optional.of(DND);
      default -> Optional.empty();
    };
  }
}
