package dev.chorus.im.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.im.account.UserRef;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nobody hears of a room change that is rolled back: the room services change who is in a room and
 * fire {@link RoomEvent}s only after their transaction committed. Each test makes the commit of a
 * real change fail (the change is undone as a rollback would), and checks that nobody was told and
 * nobody moved; then lets the same change commit and checks that the events come, each fired with
 * no transaction open (checked at the moment of firing).
 */
class RoomCommitOrderTest {
  private final RoomsInMemory r = new RoomsInMemory();
  private final FakeDatabase db = r.db;
  private final FakeDatabase.Transactions tx = r.tx;
  private final RoomOccupancy occupancy = r.occupancy;
  private final RecordingEvents events = r.events;
  private final RoomService rooms = r.rooms;
  private final RoomModeration moderation = r.moderation;

  private UserRef ann;
  private UserRef bob;
  private Room room;

  @BeforeEach
  void setUp() {
    ann = r.user("ann");
    bob = r.user("bob");
    room = r.room(ann, null);
    rooms.enter(ann, room.id(), null, "tab-ann");
    events.fired.clear();
  }

  @Test
  void aNewMemberWhoseAdmissionIsRolledBackIsNotInTheRoomAndNobodyHearsOfThem() {
    tx.failNextWritingCommit = true;
    assertThrows(IllegalStateException.class, () -> rooms.enter(bob, room.id(), null, "tab-bob"));
    assertEquals(1, tx.writesInFailedCommit, "the membership was written, then rolled back");
    assertEquals(List.of(), events.fired);
    assertFalse(occupancy.isTabIn(room.id(), "tab-bob"));
    assertFalse(db.has(RoomMember.class, RoomMember.idOf(room.id(), bob.id())));

    var entered = rooms.enter(bob, room.id(), null, "tab-bob");
    assertEquals(2, entered.occupants().size());
    assertEquals(List.of("OccupantJoined"), events.kinds());
    assertTrue(db.has(RoomMember.class, RoomMember.idOf(room.id(), bob.id())));
  }

  @Test
  void aKickOrBanThatIsRolledBackLeavesThePersonInAndTellsNobody() {
    rooms.enter(bob, room.id(), null, "tab-bob");
    rooms.show(bob, room.id(), true);
    events.fired.clear();

    tx.failNextWritingCommit = true;
    assertThrows(IllegalStateException.class, () -> moderation.ban(ann, room.id(), "bob", "spam"));
    assertTrue(tx.writesInFailedCommit >= 2, "membership removed and ban stored, then rolled back");
    assertEquals(List.of(), events.fired);
    assertTrue(occupancy.isTabIn(room.id(), "tab-bob"));
    assertTrue(db.has(RoomMember.class, RoomMember.idOf(room.id(), bob.id())));

    moderation.kick(ann, room.id(), "bob", "off topic");
    assertEquals(List.of("ShowChanged", "OccupantLeft", "MemberRemoved"), events.kinds());
    assertFalse(occupancy.isIn(room.id(), bob.id()));
    var removed = (RoomEvent.MemberRemoved) events.fired.get(2);
    assertEquals(java.util.Set.of("tab-bob"), removed.tabs());
  }

  @Test
  void aDeletionThatIsRolledBackClosesNothing() {
    tx.failNextWritingCommit = true;
    assertThrows(IllegalStateException.class, () -> rooms.delete(ann, room.id()));
    assertEquals(List.of(), events.fired);
    assertTrue(occupancy.isTabIn(room.id(), "tab-ann"));
    assertTrue(db.has(Room.class, room.id()));

    rooms.delete(ann, room.id());
    assertEquals(List.of("RoomClosed"), events.kinds());
    assertFalse(occupancy.isTabIn(room.id(), "tab-ann"));
  }

  @Test
  void settingsAndRolesThatAreRolledBackAreNotAnnounced() {
    rooms.enter(bob, room.id(), null, "tab-bob");
    events.fired.clear();
    tx.failNextCommit = true;
    assertThrows(
        IllegalStateException.class, () -> rooms.update(ann, room.id(), "New topic", null, null));
    tx.failNextCommit = true;
    assertThrows(
        IllegalStateException.class, () -> moderation.setRole(ann, room.id(), "bob", "admin"));
    assertEquals(List.of(), events.fired);

    rooms.update(ann, room.id(), "New topic", null, null);
    moderation.setRole(ann, room.id(), "bob", "admin");
    assertEquals(List.of("RoomUpdated", "RoomUpdated"), events.kinds());
  }
}
