package dev.chorus.api.dto;

/** Bodies of the room endpoints. */
public final class RoomRequests {
  private RoomRequests() {}

  /** {@code POST /api/rooms}. */
  public record Create(String name, String topic, String visibility, String password) {}

  /**
   * {@code PATCH /api/rooms/{id}}: absent fields stay as they are; {@code mode} is {@code meeting}
   * or {@code broadcast}.
   */
  public record Update(String topic, String visibility, String password, String mode) {}

  /** Kick or ban. */
  public record Moderate(String username, String reason) {}

  /** {@code PUT .../members/{username}/role}. */
  public record Role(String role) {}

  /** {@code POST .../invites}. */
  public record Invite(String username) {}
}
