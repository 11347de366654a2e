package dev.chorus.im.stream;

import java.util.Objects;

/**
 * What a verified stream credential allows: one purpose in one room.
 *
 * @param keyId the key's id (stable across encoder reconnects, never the secret)
 * @param roomId the only room the key is good for
 * @param purpose publishing (WHIP) or viewing (WHEP)
 * @param name the key's name, shown as the stream's name
 * @param createdBy the account id of the owner who created the key
 */
public record StreamGrant(
    String keyId, String roomId, Purpose purpose, String name, String createdBy) {

  /** What a key may be used for. A PUBLISH key may also view its room's streams. */
  public enum Purpose {
    PUBLISH,
    VIEW
  }

  public StreamGrant {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(roomId, "roomId");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdBy, "createdBy");
  }
}
