package dev.chorus.im.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.im.account.UserRef;
import dev.chorus.im.common.ForbiddenException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who may show in a room ({@link RoomStage}): the rule as a table, then the rule applied by {@link
 * RoomService#show}, the stage and hands kept in memory, and switching a room to broadcast.
 */
class RoomStageTest {
  private final RoomsInMemory r = new RoomsInMemory();
  private UserRef ann;
  private UserRef bob;
  private UserRef cat;
  private Room room;

  @BeforeEach
  void setUp() {
    ann = r.user("ann");
    bob = r.user("bob");
    cat = r.user("cat");
    room = r.room(ann, null);
    r.rooms.enter(ann, room.id(), null, "tab-ann");
    r.rooms.enter(bob, room.id(), null, "tab-bob");
    r.rooms.enter(cat, room.id(), null, "tab-cat");
    r.events.fired.clear();
  }

  @ParameterizedTest(name = "broadcast={0} owner={1} presenter={2} onStage={3} -> {4}")
  @CsvSource({
    // a meeting room: everyone
    "false, false, false, false, true",
    "false, true,  false, false, true",
    // a broadcast room: the owner, presenters, the stage; nobody else
    "true,  false, false, false, false",
    "true,  true,  false, false, true",
    "true,  false, true,  false, true",
    "true,  false, false, true,  true",
    "true,  true,  true,  true,  true",
  })
  void theRule(
      boolean broadcast, boolean owner, boolean presenter, boolean onStage, boolean mayShow) {
    assertEquals(
        mayShow, RoomStage.mayShow(new RoomStage.Standing(broadcast, owner, presenter, onStage)));
  }

  @Test
  void aStreamKeyShowsOnlyInItsOwnRoom() {
    room.setBroadcast(true);
    assertTrue(r.stage.mayShow(room.id(), new RoomStage.Shower.KeyStream(room.id())));
    assertFalse(r.stage.mayShow(room.id(), new RoomStage.Shower.KeyStream("another-room")));
    // A WHIP stream with a session token is its person.
    assertTrue(r.stage.mayShow(room.id(), new RoomStage.Shower.Person(ann.id())));
    assertFalse(r.stage.mayShow(room.id(), new RoomStage.Shower.Person(bob.id())));
  }

  @Test
  void inAMeetingRoomEveryoneShows() {
    r.rooms.show(bob, room.id(), true);
    assertEquals(List.of("ShowChanged"), r.events.kinds());
  }

  @Test
  void inABroadcastRoomAViewerIsRefusedUntilInvitedOnStage() {
    room.setBroadcast(true);
    var refused = assertThrows(ForbiddenException.class, () -> r.rooms.show(bob, room.id(), true));
    assertEquals("not_presenter", refused.code());
    assertTrue(r.events.fired.isEmpty());
    r.rooms.show(bob, room.id(), false); // stopping is always allowed

    r.rooms.show(ann, room.id(), true); // the owner

    assertTrue(r.stage.invite(room.id(), bob.id()));
    r.rooms.show(bob, room.id(), true);
    assertEquals(List.of("ShowChanged", "ShowChanged"), r.events.kinds());

    // Leaving ends the invitation: back in, bob is a viewer again.
    r.stage.left(room.id(), bob);
    assertFalse(r.stage.isOnStage(room.id(), bob.id()));
    assertEquals(
        "not_presenter",
        assertThrows(ForbiddenException.class, () -> r.rooms.show(bob, room.id(), true)).code());
  }

  @Test
  void aPresenterShowsWithoutAnInvitation() {
    room.setBroadcast(true);
    r.db.put(new RoomPresenter(room.id(), cat.id(), ann.id(), Instant.now()));
    r.rooms.show(cat, room.id(), true);
    assertTrue(r.rooms.get(cat.id(), room.id()).presenter());
    assertEquals("broadcast", r.rooms.get(cat.id(), room.id()).mode());
  }

  @Test
  void switchingToBroadcastUnshowsThoseWhoMayNoLongerShow() {
    r.rooms.show(ann, room.id(), true);
    r.rooms.show(bob, room.id(), true);
    r.rooms.show(cat, room.id(), true);
    r.db.put(new RoomPresenter(room.id(), cat.id(), ann.id(), Instant.now()));
    r.events.fired.clear();

    var view = r.rooms.update(ann, room.id(), null, null, null, "broadcast");

    assertEquals("broadcast", view.mode());
    assertEquals(List.of("RoomUpdated", "ShowChanged"), r.events.kinds());
    var unshown = (RoomEvent.ShowChanged) r.events.fired.get(1);
    assertEquals(bob, unshown.user());
    assertFalse(unshown.showing());
    assertEquals(2, r.occupancy.showingCount(room.id()));
  }

  @Test
  void aBroadcastRoomListsTheStageAndCountsTheViewers() {
    room.setBroadcast(true);
    var dan = r.user("dan");
    var entered = r.rooms.enter(dan, room.id(), null, "tab-dan");
    // ann (owner) and dan himself; bob and cat are counted, not listed.
    assertEquals(
        List.of(ann.username(), dan.username()),
        entered.occupants().stream().map(o -> o.user().username()).toList());
    assertEquals(3, entered.viewerCount());
    assertEquals(3, r.broadcast.viewerCount(room.id()));
    r.stage.invite(room.id(), bob.id());
    assertEquals(2, r.broadcast.viewerCount(room.id()));
    assertTrue(r.broadcast.listed(room.id(), bob.id()));
    assertFalse(r.broadcast.listed(room.id(), cat.id()));
  }

  @Test
  void aMeetingRoomListsEveryone() {
    var entered = r.rooms.enter(r.user("dan"), room.id(), null, "tab-dan");
    assertEquals(4, entered.occupants().size());
    assertEquals(null, entered.viewerCount());
  }

  @Test
  void handsGoUpOnceAndDownWithTheInvitationOrTheLeaving() {
    room.setBroadcast(true);
    r.broadcast.hand(bob, room.id(), true);
    r.broadcast.hand(bob, room.id(), true); // already up: nothing new
    assertEquals(List.of("HandChanged"), r.events.kinds());
    assertEquals(List.of(bob), r.stage.hands(room.id()));
    // The owner may show: no hand.
    assertEquals(
        "on_stage",
        assertThrows(ForbiddenException.class, () -> r.broadcast.hand(ann, room.id(), true))
            .code());

    r.stage.invite(room.id(), bob.id());
    assertEquals(List.of(), r.stage.hands(room.id()));

    r.broadcast.hand(cat, room.id(), true);
    r.events.fired.clear();
    r.stage.left(room.id(), cat);
    assertEquals(List.of("HandChanged"), r.events.kinds());
    assertFalse(((RoomEvent.HandChanged) r.events.fired.get(0)).raised());
  }

  @Test
  void aMeetingRoomHasNoHandsAndNoStage() {
    assertEquals(
        "not_broadcast",
        assertThrows(ForbiddenException.class, () -> r.broadcast.hand(bob, room.id(), true))
            .code());
    assertEquals(
        "not_broadcast",
        assertThrows(
                ForbiddenException.class,
                () -> r.broadcast.stage(ann, room.id(), bob.username(), true))
            .code());
  }

  @Test
  void steppingOffTheStageUnshows() {
    room.setBroadcast(true);
    r.stage.invite(room.id(), bob.id());
    r.rooms.show(bob, room.id(), true);
    r.events.fired.clear();

    r.broadcast.stage(bob, room.id(), bob.username(), false);

    assertEquals(List.of("StageChanged", "ShowChanged"), r.events.kinds());
    assertFalse(r.stage.isOnStage(room.id(), bob.id()));
    assertEquals(0, r.occupancy.showingCount(room.id()));
  }

  @Test
  void onlyModeratorsAndPresentersInvite() {
    room.setBroadcast(true);
    // In the fake database no query finds moderators: nobody may invite someone else.
    var refused =
        assertThrows(
            ForbiddenException.class,
            () -> r.broadcast.stage(bob, room.id(), cat.username(), true));
    assertEquals("forbidden", refused.code());
    assertFalse(r.stage.isOnStage(room.id(), cat.id()));
  }
}
