package dev.chorus.im.call;

import static dev.chorus.im.call.CallTest.ALICE;
import static dev.chorus.im.call.CallTest.ALICE_TAB;
import static dev.chorus.im.call.CallTest.BOB;
import static dev.chorus.im.call.CallTest.BOB_TAB;
import static dev.chorus.im.call.CallTest.EVE;
import static dev.chorus.im.call.CallTest.EVE_TAB;
import static dev.chorus.im.call.CallTest.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.im.common.ConflictException;
import dev.chorus.im.common.NotFoundException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One call per user at a time, and a call that ends frees both users. */
class CallsTest {
  private final Calls calls = new Calls();

  private static Call call(String id, Party caller, dev.chorus.im.account.UserRef callee) {
    return Call.place(new CallId(id), caller, callee, CallMedia.AUDIO);
  }

  @Test
  void aPlacedCallRingsAndMakesBothBusy() {
    assertInstanceOf(CallEvent.Ringing.class, calls.place(call("c1", ALICE_TAB, BOB), true, NOW));
    assertTrue(calls.isBusy(ALICE.id()));
    assertTrue(calls.isBusy(BOB.id()));
    assertFalse(calls.isBusy(EVE.id()));
  }

  @Test
  void aCallerAlreadyInACallCannotPlaceAnother() {
    calls.place(call("c1", ALICE_TAB, BOB), true, NOW);
    var e =
        assertThrows(
            ConflictException.class, () -> calls.place(call("c2", ALICE_TAB, EVE), true, NOW));
    assertEquals("already_in_call", e.code());
    // The callee was not made busy by the refused call, and the first call still rings.
    assertFalse(calls.isBusy(EVE.id()));
    assertEquals(
        "b1", calls.change(new CallId("c1"), "gone", c -> c.accept(BOB_TAB, NOW)).answeringTab());
  }

  @Test
  void aCalleeInAnotherCallIsBusyAndTheCallIsNotKept() {
    calls.place(call("c1", ALICE_TAB, BOB), true, NOW);
    var busy =
        assertInstanceOf(CallEvent.Ended.class, calls.place(call("c2", EVE_TAB, BOB), true, NOW));
    assertEquals(CallEnd.BUSY, busy.why());
    assertFalse(calls.isBusy(EVE.id()));
    assertThrows(
        NotFoundException.class,
        () -> calls.change(new CallId("c2"), "gone", c -> c.hangUp(EVE_TAB, false, NOW)));
  }

  @Test
  void aCalleeWithoutTabsIsUnavailableAndNobodyIsBusy() {
    var unavailable =
        assertInstanceOf(
            CallEvent.Ended.class, calls.place(call("c1", ALICE_TAB, BOB), false, NOW));
    assertEquals(CallEnd.UNAVAILABLE, unavailable.why());
    assertFalse(calls.isBusy(ALICE.id()));
    assertFalse(calls.isBusy(BOB.id()));
  }

  @Test
  void anEndedCallFreesBothAndIsForgotten() {
    calls.place(call("c1", ALICE_TAB, BOB), true, NOW);
    calls.change(new CallId("c1"), "gone", c -> c.decline(BOB_TAB, NOW));
    assertFalse(calls.isBusy(ALICE.id()));
    assertFalse(calls.isBusy(BOB.id()));
    var e =
        assertThrows(
            NotFoundException.class,
            () -> calls.change(new CallId("c1"), "That call is over.", c -> c.peerOf(ALICE_TAB)));
    assertEquals("not_in_call", e.code());
    assertEquals("That call is over.", e.getMessage());
    assertEquals(
        Optional.empty(), calls.changeIfPresent(new CallId("c1"), c -> c.ringTimedOut(NOW)));
    // Both may call again.
    assertInstanceOf(CallEvent.Ringing.class, calls.place(call("c2", BOB_TAB, ALICE), true, NOW));
  }

  @Test
  void aRefusedTransitionKeepsTheCall() {
    calls.place(call("c1", ALICE_TAB, BOB), true, NOW);
    assertThrows(
        NotFoundException.class,
        () -> calls.change(new CallId("c1"), "gone", c -> c.hangUp(EVE_TAB, false, NOW)));
    assertTrue(calls.isBusy(ALICE.id()));
    assertTrue(calls.isBusy(BOB.id()));
  }

  @Test
  void aClosedTabFindsTheCallOfItsUser() {
    calls.place(call("c1", ALICE_TAB, BOB), true, NOW);
    assertEquals(
        Optional.empty(), calls.changeCallOf(EVE.id(), c -> c.tabClosed(EVE_TAB, false, NOW)));
    var lost = calls.changeCallOf(BOB.id(), c -> c.tabClosed(BOB_TAB, false, NOW)).orElseThrow();
    assertEquals(CallEnd.CONNECTION_LOST, lost.why());
    assertFalse(calls.isBusy(ALICE.id()));
  }
}
