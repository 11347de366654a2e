package dev.chorus.im.call;

import static dev.chorus.im.call.CallTest.ALICE;
import static dev.chorus.im.call.CallTest.ALICE_TAB;
import static dev.chorus.im.call.CallTest.BOB;
import static dev.chorus.im.call.CallTest.BOB_TAB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.im.account.Account;
import dev.chorus.im.account.AccountService;
import dev.chorus.im.account.UserRef;
import dev.chorus.im.chat.CallRecord;
import dev.chorus.im.chat.ChatMessage;
import dev.chorus.im.chat.ChatService;
import dev.chorus.im.common.MutableClock;
import dev.chorus.im.common.NotFoundException;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The application service's order of work: the asking tab is answered first, then the event is
 * fired, then an ended call is recorded and its record announced; failures of observers, history or
 * the clock never stop the rest, and the ring timer never throws.
 */
class CallServiceTest {
  /** What happened, in order: answers, fired events, stored records, timer changes. */
  private final List<Object> log = new ArrayList<>();

  private final Set<String> openTabs = new HashSet<>(Set.of(BOB.id(), ALICE.id()));
  private final List<Runnable> timers = new ArrayList<>();
  private final List<Boolean> cancelled = new ArrayList<>();
  private boolean observersFail;
  private boolean historyFails;
  private final MutableClock clock = new MutableClock(Instant.EPOCH);
  private CallService service;

  @BeforeEach
  void wire() {
    service = new CallService();
    service.accounts = new Directory();
    service.chat = new History();
    service.tabs = openTabs::contains;
    service.clock = clock;
    service.events = new Recorder();
    service.scheduler = scheduler();
    service.ringTimeout = Duration.ofSeconds(30);
  }

  @Test
  void theCallerHearsFirstThenTheCalleesTabsRing() {
    service.place(ALICE_TAB, "bob", CallMedia.VIDEO, placed -> log.add("answer"));
    assertEquals("answer", log.get(0));
    var ringing = assertInstanceOf(CallEvent.Ringing.class, log.get(1));
    assertEquals(BOB, ringing.callee());
    assertEquals(2, log.size());
    assertEquals(1, timers.size());
  }

  @Test
  void aDeclineIsAnsweredThenToldThenRecordedAndAnnounced() {
    var id = ring();
    service.decline(id, BOB_TAB, ended -> log.add("answer"));
    assertEquals("answer", log.get(0));
    assertEquals(CallEnd.DECLINED, assertInstanceOf(CallEvent.Ended.class, log.get(1)).why());
    assertEquals(new CallRecord("video", "declined", 0), log.get(2));
    var recorded = assertInstanceOf(CallEvent.Recorded.class, log.get(3));
    assertEquals("Video call declined", recorded.message().text());
    assertEquals(List.of(true), cancelled, "the ring timer is cancelled");
  }

  @Test
  void aCalleeWithoutTabsIsUnavailableAndTheMissedCallIsRecorded() {
    openTabs.remove(BOB.id());
    service.place(ALICE_TAB, "bob", CallMedia.AUDIO, placed -> log.add(placed));
    var ended = assertInstanceOf(CallEvent.Ended.class, log.get(0));
    assertEquals(CallEnd.UNAVAILABLE, ended.why());
    assertEquals(new CallRecord("audio", "missed", 0), log.get(2));
    assertEquals(List.of(), timers, "nothing rings");
  }

  @Test
  void anUnknownCalleeIsNotFoundAndNothingHappens() {
    var e =
        assertThrows(
            NotFoundException.class,
            () -> service.place(ALICE_TAB, "nobody", CallMedia.AUDIO, placed -> log.add(placed)));
    assertEquals("unknown_user", e.code());
    assertEquals(List.of(), log);
  }

  @Test
  void theRingTimerEndsAnUnansweredCallAndDoesNothingAfterAnAnswer() {
    ring();
    timers.get(0).run();
    assertEquals(CallEnd.NO_ANSWER, assertInstanceOf(CallEvent.Ended.class, log.get(0)).why());
    assertEquals(new CallRecord("video", "missed", 0), log.get(1));

    log.clear();
    var id = ring();
    service.accept(id, BOB_TAB, answered -> log.add("answer"));
    assertEquals(List.of(true), cancelled.subList(1, 2));
    log.clear();
    timers.get(1).run();
    assertEquals(List.of(), log, "a late ring timeout changes nothing");
  }

  @Test
  void theRingTimerSurvivesAFailureAndTheCallGoesOn() {
    var id = ring();
    clock.setBroken(true);
    timers.get(0).run(); // must not throw: a scheduled task that throws is never heard of again
    clock.setBroken(false);
    service.hangUp(id, ALICE_TAB, false, ended -> log.add("answer"));
    assertEquals(CallEnd.CANCELLED, assertInstanceOf(CallEvent.Ended.class, log.get(1)).why());
  }

  @Test
  void aFailingObserverDoesNotKeepTheCallFromHistory() {
    var id = ring();
    observersFail = true;
    service.hangUp(id, ALICE_TAB, false, ended -> log.add("answer"));
    assertEquals(new CallRecord("video", "missed", 0), log.get(2));
    assertInstanceOf(CallEvent.Recorded.class, log.get(3));
  }

  @Test
  void aHistoryFailureDoesNotUndoTheEnd() {
    var id = ring();
    historyFails = true;
    service.hangUp(id, ALICE_TAB, false, ended -> log.add("answer"));
    assertInstanceOf(CallEvent.Ended.class, log.get(1));
    assertTrue(log.stream().noneMatch(CallEvent.Recorded.class::isInstance));
    // Both are free again.
    historyFails = false;
    ring();
  }

  @Test
  void theCalleesLastTabClosingWhileItRingsLosesTheCall() {
    ring();
    service.tabClosed(new Party(BOB, "b9"));
    assertEquals(List.of(), log, "bob still has a tab that rings");
    openTabs.remove(BOB.id());
    service.tabClosed(BOB_TAB);
    assertEquals(
        CallEnd.CONNECTION_LOST, assertInstanceOf(CallEvent.Ended.class, log.get(0)).why());
  }

  private CallId ring() {
    var placed = new ArrayList<CallEvent>();
    service.place(ALICE_TAB, "bob", CallMedia.VIDEO, placed::add);
    log.clear();
    return assertInstanceOf(CallEvent.Ringing.class, placed.get(0)).callId();
  }

  private ManagedScheduledExecutorService scheduler() {
    return (ManagedScheduledExecutorService)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {ManagedScheduledExecutorService.class},
            (proxy, method, args) -> {
              if (!method.getName().equals("schedule") || !(args[0] instanceof Runnable task)) {
                throw new UnsupportedOperationException(method.getName());
              }
              timers.add(task);
              int index = cancelled.size();
              cancelled.add(false);
              return Proxy.newProxyInstance(
                  getClass().getClassLoader(),
                  new Class<?>[] {ScheduledFuture.class},
                  (f, m, a) -> {
                    if (!m.getName().equals("cancel")) {
                      throw new UnsupportedOperationException(m.getName());
                    }
                    cancelled.set(index, true);
                    return true;
                  });
            });
  }

  private final class Directory extends AccountService {
    @Override
    public Optional<Account> findByUsername(String username) {
      return Optional.ofNullable(
              username.equals("bob") ? BOB : username.equals("alice") ? ALICE : null)
          .map(CallServiceTest::account);
    }
  }

  private static Account account(UserRef user) {
    return new Account() {
      @Override
      public String id() {
        return user.id();
      }

      @Override
      public String username() {
        return user.username();
      }

      @Override
      public String displayName() {
        return user.displayName();
      }
    };
  }

  private final class History extends ChatService {
    @Override
    public ChatMessage recordCall(UserRef caller, UserRef callee, CallRecord call) {
      if (historyFails) {
        throw new IllegalStateException("database gone");
      }
      log.add(call);
      return new ChatMessage(1, caller, callee, call.summary(), Instant.EPOCH, null, call);
    }
  }

  private final class Recorder implements Event<CallEvent> {
    @Override
    public void fire(CallEvent event) {
      log.add(event);
      if (observersFail) {
        throw new IllegalStateException("observer broke");
      }
    }

    @Override
    public <U extends CallEvent> CompletionStage<U> fireAsync(U event) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends CallEvent> CompletionStage<U> fireAsync(
        U event, NotificationOptions options) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Event<CallEvent> select(Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends CallEvent> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends CallEvent> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }
  }
}
