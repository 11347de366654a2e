package dev.chorus.im.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.im.common.ForbiddenException;
import dev.chorus.im.common.ThrottledException;
import org.junit.jupiter.api.Test;

/** Wrong room passwords are throttled per user and room, and per room; throttled tries are free. */
class RoomPasswordThrottleTest {
  private final RoomsInMemory r = new RoomsInMemory(3, 5);
  private final Room room = r.room(r.user("owner"), "open sesame");

  @Test
  void aGuesserIsStoppedEvenWithTheRightPasswordWhileOthersMayTry() {
    var bob = r.user("bob");
    for (var guess : new String[] {"guess-1", "guess-2", "guess-3"}) {
      assertEquals("wrong_password", refusal(() -> r.rooms.enter(bob, room.id(), guess, "t")));
    }
    var throttled =
        assertThrows(
            ThrottledException.class, () -> r.rooms.enter(bob, room.id(), "open sesame", "t"));
    assertTrue(throttled.retryAfter().toSeconds() <= 300, throttled.retryAfter().toString());
    var carol = r.user("carol");
    r.rooms.enter(carol, room.id(), "open sesame", "t2");
    assertTrue(r.occupancy.isIn(room.id(), carol.id()));
  }

  @Test
  void manyGuessersTogetherCloseTheRoomToNewcomersButNotToMembers() {
    var carol = r.user("carol");
    r.rooms.enter(carol, room.id(), "open sesame", "t-carol");
    for (int i = 0; i < 5; i++) {
      var guesser = r.user("g" + i);
      refusal(() -> r.rooms.enter(guesser, room.id(), "nope", "t"));
    }
    var dave = r.user("dave");
    assertThrows(
        ThrottledException.class, () -> r.rooms.enter(dave, room.id(), "open sesame", "t-dave"));
    // A member needs no password, so the throttle does not stand in her way.
    r.rooms.enter(carol, room.id(), null, "t-carol-2");
    assertTrue(r.occupancy.isTabIn(room.id(), "t-carol-2"));
  }

  @Test
  void noPasswordAtAllCostsNothingAndIsNotCounted() {
    var bob = r.user("bob");
    for (int i = 0; i < 10; i++) {
      assertEquals("wrong_password", refusal(() -> r.rooms.enter(bob, room.id(), null, "t")));
    }
    r.rooms.enter(bob, room.id(), "open sesame", "t");
  }

  private static String refusal(Runnable enter) {
    return assertThrows(ForbiddenException.class, enter::run).code();
  }
}
