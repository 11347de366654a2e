package dev.chorus.im.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.im.account.UserRef;
import dev.chorus.im.common.ForbiddenException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomOccupancyTest {
  private final RoomOccupancy occupancy = new RoomOccupancy();
  private final RecordingEvents events =
      new RecordingEvents(
          () -> assertFalse(Thread.holdsLock(occupancy.lock), "an event fired under the lock"));

  RoomOccupancyTest() {
    occupancy.events = events;
    occupancy.maxOccupants = 2;
    occupancy.maxRoomsPerUser = 2;
  }

  private static UserRef user(String name) {
    return new UserRef("id-" + name, name, name);
  }

  @Test
  void aFullRoomRefusesNewPeopleButNotMoreTabsOfThoseIn() {
    occupancy.enter("r", user("ann"), RoomRole.OWNER, "t1");
    occupancy.enter("r", user("bob"), RoomRole.MEMBER, "t2");
    var full =
        assertThrows(
            ForbiddenException.class,
            () -> occupancy.enter("r", user("cat"), RoomRole.MEMBER, "t3"));
    assertEquals("room_full", full.code());
    assertThrows(ForbiddenException.class, () -> occupancy.requireRoomFor("r", "id-cat", false));
    occupancy.enter("r", user("bob"), RoomRole.MEMBER, "t4");
    assertEquals(2, occupancy.count("r"));
    assertFalse(occupancy.isTabIn("r", "t3"));

    occupancy.leave("r", "id-ann", "t1", "left");
    occupancy.enter("r", user("cat"), RoomRole.MEMBER, "t3");
    assertTrue(occupancy.isIn("r", "id-cat"));
  }

  @Test
  void aPersonIsInALimitedNumberOfRoomsOverAllTheirTabs() {
    occupancy.enter("r1", user("dan"), RoomRole.MEMBER, "t1");
    occupancy.enter("r2", user("dan"), RoomRole.MEMBER, "t2");
    var refused =
        assertThrows(
            ForbiddenException.class,
            () -> occupancy.enter("r3", user("dan"), RoomRole.MEMBER, "t1"));
    assertEquals("too_many_rooms", refused.code());
    occupancy.enter("r2", user("dan"), RoomRole.MEMBER, "t1"); // a room they are in: fine
    occupancy.tabClosed("t2");
    occupancy.tabClosed("t1");
    occupancy.enter("r3", user("dan"), RoomRole.MEMBER, "t5");
    assertTrue(occupancy.isIn("r3", "id-dan"));
  }

  @Test
  void placesAreFreedByKicksAndDeletedRooms() {
    occupancy.enter("r1", user("eve"), RoomRole.MEMBER, "t1");
    occupancy.enter("r2", user("eve"), RoomRole.MEMBER, "t1");
    occupancy.remove("r1", "id-eve", "kicked");
    occupancy.close("r2");
    occupancy.enter("r3", user("eve"), RoomRole.MEMBER, "t1");
    occupancy.enter("r4", user("eve"), RoomRole.MEMBER, "t1");
    assertEquals(1, occupancy.count("r4"));
  }

  @Test
  void everyEventIsFiredAfterTheLockIsReleasedAndInOrder() {
    occupancy.enter("r", user("fay"), RoomRole.MEMBER, "t1");
    occupancy.setShowing("r", "id-fay", true);
    occupancy.enter("r", user("gus"), RoomRole.MEMBER, "t2");
    occupancy.leave("r", "id-gus", "t2", "left");
    occupancy.remove("r", "id-fay", "kicked");
    assertEquals(
        List.of(
            "OccupantJoined",
            "ShowChanged",
            "OccupantJoined",
            "OccupantLeft",
            "ShowChanged",
            "OccupantLeft"),
        events.kinds());
  }
}
