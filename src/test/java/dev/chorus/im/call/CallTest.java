package dev.chorus.im.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chorus.im.account.UserRef;
import dev.chorus.im.common.DomainException;
import dev.chorus.im.common.Failure;
import dev.chorus.im.common.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every transition of a call from each state it can be in, and every illegal one: what it returns,
 * or which failure it throws, and the state afterwards.
 */
class CallTest {
  static final UserRef ALICE = new UserRef("id-alice", "alice", "Alice");
  static final UserRef BOB = new UserRef("id-bob", "bob", "Bob");
  static final UserRef EVE = new UserRef("id-eve", "eve", "Eve");
  static final Party ALICE_TAB = new Party(ALICE, "a1");
  static final Party ALICE_OTHER_TAB = new Party(ALICE, "a2");
  static final Party BOB_TAB = new Party(BOB, "b1");
  static final Party BOB_ANSWERING_TAB = new Party(BOB, "b2");
  static final Party EVE_TAB = new Party(EVE, "e1");
  static final Instant RANG = Instant.parse("2026-01-01T10:00:00Z");
  static final Instant ANSWERED = RANG.plusSeconds(5);
  static final Instant NOW = ANSWERED.plusSeconds(65);

  /** Where a case starts: a call that rings, that bob answered on b2, or that is over. */
  enum Start {
    RINGING,
    ACTIVE,
    ENDED
  }

  static Call call(Start start) {
    var call = Call.place(new CallId("c-1"), ALICE_TAB, BOB, CallMedia.VIDEO);
    if (start != Start.RINGING) {
      call.accept(BOB_ANSWERING_TAB, ANSWERED);
    }
    if (start == Start.ENDED) {
      call.hangUp(ALICE_TAB, false, ANSWERED.plusSeconds(1));
    }
    return call;
  }

  static Arguments ends(
      String name, Start start, Function<Call, Object> act, CallEnd why, String outcome) {
    return Arguments.of(name, start, act, why, outcome);
  }

  static Stream<Arguments> endings() {
    return Stream.of(
        ends(
            "callee declines",
            Start.RINGING,
            c -> c.decline(BOB_TAB, NOW),
            CallEnd.DECLINED,
            "declined"),
        ends(
            "caller cancels",
            Start.RINGING,
            c -> c.hangUp(ALICE_TAB, false, NOW),
            CallEnd.CANCELLED,
            "missed"),
        ends(
            "callee hangs up while it rings",
            Start.RINGING,
            c -> c.hangUp(BOB_TAB, false, NOW),
            CallEnd.DECLINED,
            "declined"),
        ends(
            "caller gives up as failed while it rings",
            Start.RINGING,
            c -> c.hangUp(ALICE_TAB, true, NOW),
            CallEnd.FAILED,
            "failed"),
        ends(
            "nobody answers",
            Start.RINGING,
            c -> c.ringTimedOut(NOW).orElseThrow(),
            CallEnd.NO_ANSWER,
            "missed"),
        ends(
            "caller's tab closes while it rings",
            Start.RINGING,
            c -> c.tabClosed(ALICE_TAB, true, NOW).orElseThrow(),
            CallEnd.CONNECTION_LOST,
            "missed"),
        ends(
            "callee's last tab closes while it rings",
            Start.RINGING,
            c -> c.tabClosed(BOB_TAB, false, NOW).orElseThrow(),
            CallEnd.CONNECTION_LOST,
            "missed"),
        ends(
            "caller hangs up",
            Start.ACTIVE,
            c -> c.hangUp(ALICE_TAB, false, NOW),
            CallEnd.HANGUP,
            "completed"),
        ends(
            "callee hangs up",
            Start.ACTIVE,
            c -> c.hangUp(BOB_ANSWERING_TAB, false, NOW),
            CallEnd.HANGUP,
            "completed"),
        ends(
            "media failed",
            Start.ACTIVE,
            c -> c.hangUp(BOB_ANSWERING_TAB, true, NOW),
            CallEnd.FAILED,
            "failed"),
        ends(
            "caller's tab dies",
            Start.ACTIVE,
            c -> c.tabClosed(ALICE_TAB, true, NOW).orElseThrow(),
            CallEnd.CONNECTION_LOST,
            "completed"),
        ends(
            "callee's tab in the call dies",
            Start.ACTIVE,
            c -> c.tabClosed(BOB_ANSWERING_TAB, true, NOW).orElseThrow(),
            CallEnd.CONNECTION_LOST,
            "completed"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endings")
  void transitionsThatEndTheCall(
      String name, Start start, Function<Call, Object> act, CallEnd why, String outcome) {
    var call = call(start);
    var ended = assertInstanceOf(CallEvent.Ended.class, act.apply(call));
    assertEquals(Call.State.ENDED, call.state());
    assertEquals(why, ended.why());
    assertEquals(outcome, ended.outcome());
    assertEquals(ALICE, ended.caller());
    assertEquals("a1", ended.callerTab());
    assertEquals(BOB, ended.callee());
    assertEquals(CallMedia.VIDEO, ended.media());
    if (start == Start.ACTIVE) {
      // Only the tab in the call hears of the end; the talk time runs from the answer.
      assertEquals(Optional.of("b2"), ended.calleeTab());
      assertEquals(Duration.between(ANSWERED, NOW), ended.talked());
    } else {
      // Never answered: every tab of the callee was ringing and is told.
      assertEquals(Optional.empty(), ended.calleeTab());
      assertEquals(Duration.ZERO, ended.talked());
    }
  }

  static Stream<Arguments> nothingHappens() {
    return Stream.of(
        Arguments.of(
            "ring timeout after the answer",
            Start.ACTIVE,
            (Function<Call, Object>) c -> c.ringTimedOut(NOW)),
        Arguments.of(
            "ring timeout after the end",
            Start.ENDED,
            (Function<Call, Object>) c -> c.ringTimedOut(NOW)),
        Arguments.of(
            "one of the callee's tabs closes, another still rings",
            Start.RINGING,
            (Function<Call, Object>) c -> c.tabClosed(BOB_TAB, true, NOW)),
        Arguments.of(
            "the caller's other tab closes",
            Start.RINGING,
            (Function<Call, Object>) c -> c.tabClosed(ALICE_OTHER_TAB, true, NOW)),
        Arguments.of(
            "a stranger's tab closes",
            Start.ACTIVE,
            (Function<Call, Object>) c -> c.tabClosed(EVE_TAB, false, NOW)),
        Arguments.of(
            "the callee's tab not in the call closes",
            Start.ACTIVE,
            (Function<Call, Object>) c -> c.tabClosed(BOB_TAB, false, NOW)),
        Arguments.of(
            "a tab closes after the end",
            Start.ENDED,
            (Function<Call, Object>) c -> c.tabClosed(ALICE_TAB, false, NOW)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nothingHappens")
  void eventsThatChangeNothing(String name, Start start, Function<Call, Object> act) {
    var call = call(start);
    var before = call.state();
    assertEquals(Optional.empty(), act.apply(call));
    assertEquals(before, call.state());
  }

  static Arguments refused(String name, Start start, Function<Call, Object> act, String code) {
    return Arguments.of(name, start, act, code);
  }

  static Stream<Arguments> illegal() {
    return Stream.of(
        refused("accept twice", Start.ACTIVE, c -> c.accept(BOB_TAB, NOW), "not_ringing"),
        refused("accept after the end", Start.ENDED, c -> c.accept(BOB_TAB, NOW), "not_ringing"),
        refused(
            "accept by the caller", Start.RINGING, c -> c.accept(ALICE_TAB, NOW), "not_in_call"),
        refused("accept by a stranger", Start.RINGING, c -> c.accept(EVE_TAB, NOW), "not_in_call"),
        refused(
            "decline by the caller", Start.RINGING, c -> c.decline(ALICE_TAB, NOW), "not_in_call"),
        refused(
            "decline by a stranger", Start.RINGING, c -> c.decline(EVE_TAB, NOW), "not_in_call"),
        refused(
            "decline after the answer", Start.ACTIVE, c -> c.decline(BOB_TAB, NOW), "not_ringing"),
        refused(
            "hang-up by a stranger",
            Start.RINGING,
            c -> c.hangUp(EVE_TAB, false, NOW),
            "not_in_call"),
        refused(
            "hang-up by a stranger in a call",
            Start.ACTIVE,
            c -> c.hangUp(EVE_TAB, false, NOW),
            "not_in_call"),
        refused(
            "hang-up by the caller's other tab",
            Start.RINGING,
            c -> c.hangUp(ALICE_OTHER_TAB, false, NOW),
            "not_in_call"),
        refused(
            "hang-up by the callee's tab not in the call",
            Start.ACTIVE,
            c -> c.hangUp(BOB_TAB, false, NOW),
            "not_in_call"),
        refused(
            "hang-up after the end",
            Start.ENDED,
            c -> c.hangUp(ALICE_TAB, false, NOW),
            "not_in_call"),
        refused("signal while it rings", Start.RINGING, c -> c.peerOf(ALICE_TAB), "not_in_call"),
        refused(
            "signal from the callee's other tab",
            Start.ACTIVE,
            c -> c.peerOf(BOB_TAB),
            "not_in_call"),
        refused(
            "signal from the caller's other tab",
            Start.ACTIVE,
            c -> c.peerOf(ALICE_OTHER_TAB),
            "not_in_call"),
        refused("signal from a stranger", Start.ACTIVE, c -> c.peerOf(EVE_TAB), "not_in_call"),
        refused("signal after the end", Start.ENDED, c -> c.peerOf(ALICE_TAB), "not_in_call"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("illegal")
  void illegalTransitionsAreRefusedAndChangeNothing(
      String name, Start start, Function<Call, Object> act, String code) {
    var call = call(start);
    var before = call.state();
    var e = assertThrows(DomainException.class, () -> act.apply(call));
    assertEquals(code, e.code());
    assertEquals(code.equals("not_ringing") ? Failure.CONFLICT : Failure.NOT_FOUND, e.failure());
    assertEquals(before, call.state());
    if (start == Start.ACTIVE) {
      // Still the same two tabs in the call.
      assertEquals("a1", call.peerOf(BOB_ANSWERING_TAB));
    }
  }

  @Test
  void acceptTakesTheAnsweringTabAndTellsTheCallersTab() {
    var call = call(Start.RINGING);
    var answered = call.accept(BOB_ANSWERING_TAB, ANSWERED);
    assertEquals(new CallEvent.Answered(new CallId("c-1"), BOB, "a1", "b2"), answered);
    assertEquals(Call.State.ACTIVE, call.state());
  }

  @Test
  void signalsGoToTheOtherTabOfTheActiveCall() {
    var call = call(Start.ACTIVE);
    assertEquals("b2", call.peerOf(ALICE_TAB));
    assertEquals("a1", call.peerOf(BOB_ANSWERING_TAB));
  }

  @Test
  void aCallRingsEveryTabOfTheCallee() {
    var call = call(Start.RINGING);
    assertEquals(
        new CallEvent.Ringing(new CallId("c-1"), ALICE, BOB, CallMedia.VIDEO), call.ringing());
    assertEquals(Call.State.RINGING, call.state());
  }

  @Test
  void nobodyCallsThemselves() {
    var e =
        assertThrows(
            ValidationException.class,
            () -> Call.place(new CallId("c-2"), ALICE_TAB, ALICE, CallMedia.AUDIO));
    assertEquals("bad_request", e.code());
  }

  @Test
  void aRefusedCallEndsAtOnceAndOnlyBusyOrUnavailableRefuse() {
    var busy = call(Start.RINGING).refuse(CallEnd.BUSY, RANG);
    assertEquals("busy", busy.outcome());
    assertEquals(Optional.empty(), busy.calleeTab());
    assertEquals("missed", call(Start.RINGING).refuse(CallEnd.UNAVAILABLE, RANG).outcome());
    assertThrows(
        IllegalStateException.class, () -> call(Start.RINGING).refuse(CallEnd.HANGUP, RANG));
    assertThrows(IllegalStateException.class, () -> call(Start.ACTIVE).refuse(CallEnd.BUSY, RANG));
  }

  @Test
  void mediaIsAudioOrVideo() {
    assertEquals(CallMedia.AUDIO, CallMedia.of("audio"));
    assertEquals("video", CallMedia.of("video").label());
    assertEquals(
        "bad_request", assertThrows(ValidationException.class, () -> CallMedia.of("smell")).code());
    assertThrows(ValidationException.class, () -> CallMedia.of(null));
  }
}
