package dev.chorus.im.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.im.account.UserRef;
import dev.chorus.im.common.ConflictException;
import dev.chorus.im.common.NotFoundException;
import dev.chorus.im.common.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a Chorus administrator may do to any room ({@link RoomAdministration}): close it, give it a
 * new owner, take a user out, with the rules that still hold and the events fired only after the
 * commit (checked at each fire by {@link RoomsInMemory}).
 */
class RoomAdministrationTest {
  private final RoomsInMemory r = new RoomsInMemory();
  private final FakeDatabase db = r.db;
  private final RoomOccupancy occupancy = r.occupancy;
  private final RecordingEvents events = r.events;
  private final RoomAdministration admin = r.administration;

  private UserRef ann;
  private UserRef bob;
  private UserRef root;
  private Room room;

  @BeforeEach
  void setUp() {
    ann = r.user("ann");
    bob = r.user("bob");
    root = r.user("root");
    room = r.room(ann, null);
    r.rooms.enter(ann, room.id(), null, "tab-ann");
    r.rooms.enter(bob, room.id(), null, "tab-bob-1");
    r.rooms.enter(bob, room.id(), null, "tab-bob-2");
    r.rooms.show(bob, room.id(), true);
    events.fired.clear();
  }

  @Test
  void closingDeletesTheRoomAndTellsEveryTabInItThatAnAdministratorClosedIt() {
    assertEquals(room.name(), admin.close(room.id()));

    assertFalse(db.has(Room.class, room.id()));
    assertEquals(List.of("RoomClosed"), events.kinds());
    var closed = (RoomEvent.RoomClosed) events.fired.get(0);
    assertEquals("closed_by_admin", closed.reason());
    assertEquals(Set.of("tab-ann", "tab-bob-1", "tab-bob-2"), closed.tabs());
    assertEquals(0, occupancy.count(room.id()));
    assertThrows(NotFoundException.class, () -> admin.close(room.id()));
  }

  @Test
  void aClosingThatIsRolledBackClosesNothing() {
    r.tx.failNextWritingCommit = true;
    assertThrows(IllegalStateException.class, () -> admin.close(room.id()));
    assertTrue(db.has(Room.class, room.id()));
    assertEquals(List.of(), events.fired);
    assertEquals(2, occupancy.count(room.id()));
  }

  @Test
  void aNewOwnerTakesOverAndThePreviousOwnerStaysAsRoomAdmin() {
    var change = admin.changeOwner(room.id(), bob.id());

    assertEquals(ann, change.previous());
    assertEquals(bob, change.owner());
    assertEquals(bob.id(), room.ownerId());
    assertEquals(RoomRole.OWNER, r.rooms.role(room.id(), bob.id()).orElseThrow());
    assertEquals(RoomRole.ADMIN, r.rooms.role(room.id(), ann.id()).orElseThrow());
    assertEquals(List.of("RoomUpdated"), events.kinds());
  }

  @Test
  void aNewOwnerWhoWasNotAMemberBecomesOneAndLosesABan() {
    db.put(new RoomBan(room.id(), root.id(), "spam", ann.id(), Instant.now()));

    admin.changeOwner(room.id(), root.id());

    assertEquals(RoomRole.OWNER, r.rooms.role(room.id(), root.id()).orElseThrow());
    assertFalse(db.has(RoomBan.class, RoomMember.idOf(room.id(), root.id())));
  }

  @Test
  void theOwnerChangeNeedsAnExistingUserAndRoom() {
    assertThrows(ValidationException.class, () -> admin.changeOwner(room.id(), null));
    assertThrows(ValidationException.class, () -> admin.changeOwner(room.id(), "nobody"));
    assertThrows(NotFoundException.class, () -> admin.changeOwner("no-room", bob.id()));
    assertEquals(ann.id(), room.ownerId());
    assertEquals(List.of(), events.fired);
  }

  @Test
  void aRemovedMemberIsOutWithAllTheirTabsAndIsTold() {
    var removal = admin.removeMember(root, room.id(), bob.id());

    assertEquals(bob, removal.user());
    assertFalse(occupancy.isIn(room.id(), bob.id()));
    assertFalse(db.has(RoomMember.class, RoomMember.idOf(room.id(), bob.id())));
    assertEquals(List.of("ShowChanged", "OccupantLeft", "MemberRemoved"), events.kinds());
    var removed = (RoomEvent.MemberRemoved) events.fired.get(2);
    assertEquals(root, removed.by());
    assertEquals(Set.of("tab-bob-1", "tab-bob-2"), removed.tabs());
    assertFalse(removed.banned());
    assertTrue(occupancy.isIn(room.id(), ann.id()));
  }

  @Test
  void theOwnerCannotBeRemovedOnlyReplaced() {
    assertThrows(ConflictException.class, () -> admin.removeMember(root, room.id(), ann.id()));
    assertTrue(occupancy.isIn(room.id(), ann.id()));

    admin.changeOwner(room.id(), bob.id());
    admin.removeMember(root, room.id(), ann.id());
    assertFalse(occupancy.isIn(room.id(), ann.id()));
  }

  @Test
  void removingSomeoneWhoIsNotThereIsNotFound() {
    assertThrows(NotFoundException.class, () -> admin.removeMember(root, room.id(), root.id()));
    assertThrows(NotFoundException.class, () -> admin.removeMember(root, room.id(), "nobody"));
    assertThrows(NotFoundException.class, () -> admin.removeMember(root, "no-room", bob.id()));
    assertEquals(List.of(), events.fired);
  }

  @Test
  void aRemovalThatIsRolledBackLeavesThePersonIn() {
    r.tx.failNextWritingCommit = true;
    assertThrows(IllegalStateException.class, () -> admin.removeMember(root, room.id(), bob.id()));
    assertTrue(occupancy.isIn(room.id(), bob.id()));
    assertTrue(db.has(RoomMember.class, RoomMember.idOf(room.id(), bob.id())));
    assertEquals(List.of(), events.fired);
  }
}
