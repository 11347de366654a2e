package dev.chorus.im.room;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.im.common.ThrottledException;
import org.junit.jupiter.api.Test;

/** Rooms created per day are capped, and deleting them does not give the creations back. */
class RoomCreationCapTest {
  private final RoomsInMemory r = new RoomsInMemory();

  @Test
  void creatingAndDeletingDoesNotResetTheDailyCap() {
    var ann = r.user("ann");
    for (int i = 0; i < r.creationCap.maxCreatedPerDay; i++) {
      var room = r.rooms.create(ann, "Room " + i, "", "public", null);
      r.rooms.delete(ann, room.id());
    }
    var refused =
        assertThrows(
            ThrottledException.class, () -> r.rooms.create(ann, "One more", "", "public", null));
    assertTrue(refused.getMessage().contains("24 hours"), refused.getMessage());
    assertTrue(refused.retryAfter().toHours() <= 24);
    r.rooms.create(r.user("bob"), "Bob room", "", "public", null); // the cap is per creator
  }
}
