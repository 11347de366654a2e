package dev.chorus.im.call;

import dev.chorus.im.account.AccountService;
import dev.chorus.im.account.UserRef;
import dev.chorus.im.chat.CallRecord;
import dev.chorus.im.chat.ChatService;
import dev.chorus.im.common.NotFoundException;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs calls: looks up who is called, applies each transition of a {@link Call} in {@link Calls},
 * and then, outside the lock, answers the tab that asked, fires the {@link CallEvent} for everyone
 * else, and records an ended call in history. A request's {@code answer} runs before the event so
 * that tab hears its reply before the news. Failures are {@code DomainException}s.
 */
@ApplicationScoped
public class CallService {
  private static final Logger LOG = Logger.getLogger(CallService.class.getName());
  private static final String NOT_RINGING_FOR_YOU = "There is no such call ringing for you.";

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  @Inject AccountService accounts;
  @Inject ChatService chat;
  @Inject OpenTabs tabs;
  @Inject Clock clock;
  @Inject Event<CallEvent> events;

  @Inject
  @ConfigProperty(name = "chorus.call.ring-timeout", defaultValue = "PT30S")
  Duration ringTimeout;

  private final Calls calls = new Calls();
  private final Map<CallId, Future<?>> ringTimers = new ConcurrentHashMap<>();

  /** Calls the user named {@code to}: the answer is {@link CallEvent.Ringing} or a refusal. */
  public void place(Party caller, String to, CallMedia media, Consumer<CallEvent> answer) {
    var callee =
        accounts
            .findByUsername(to)
            .map(UserRef::of)
            .orElseThrow(
                () -> new NotFoundException("unknown_user", "There is no user '" + to + "'."));
    var call = Call.place(CallId.random(), caller, callee, media);
    var placed = calls.place(call, tabs.anyOpen(callee.id()), clock.instant());
    if (placed instanceof CallEvent.Ringing) {
      ringTimers.put(
          call.id(),
          scheduler.schedule(
              () -> ringTimedOut(call.id()), ringTimeout.toMillis(), TimeUnit.MILLISECONDS));
    }
    answerThenPublish(placed, answer);
  }

  public void accept(CallId id, Party by, Consumer<CallEvent.Answered> answer) {
    var answered = calls.change(id, NOT_RINGING_FOR_YOU, c -> c.accept(by, clock.instant()));
    answerThenPublish(answered, answer);
  }

  public void decline(CallId id, Party by, Consumer<CallEvent.Ended> answer) {
    var ended = calls.change(id, NOT_RINGING_FOR_YOU, c -> c.decline(by, clock.instant()));
    answerThenPublish(ended, answer);
  }

  public void hangUp(CallId id, Party by, boolean failed, Consumer<CallEvent.Ended> answer) {
    var ended =
        calls.change(id, "You are not in that call.", c -> c.hangUp(by, failed, clock.instant()));
    answerThenPublish(ended, answer);
  }

  /** The tab that {@code from}'s signaling goes to (the other tab of the active call). */
  public String peerOf(CallId id, Party from) {
    return calls.change(
        id,
        "Signaling is only relayed between the two tabs of an active call.",
        c -> c.peerOf(from));
  }

  /** A tab is gone: the call it was in, or that can no longer ring anywhere, is lost. */
  public void tabClosed(Party gone) {
    var reachable = tabs.anyOpen(gone.user().id());
    calls
        .changeCallOf(gone.user().id(), c -> c.tabClosed(gone, reachable, clock.instant()))
        .ifPresent(this::publish);
  }

  private void ringTimedOut(CallId id) {
    try {
      ringTimers.remove(id);
      calls.changeIfPresent(id, c -> c.ringTimedOut(clock.instant())).ifPresent(this::publish);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "ring timeout of call " + id + " failed", e);
    }
  }

  private <E extends CallEvent> void answerThenPublish(E event, Consumer<? super E> answer) {
    try {
      answer.accept(event);
    } finally {
      publish(event);
    }
  }

  /** Tells the observers, then stops the ring timer and records an ended call. */
  private void publish(CallEvent event) {
    fire(event);
    if (!(event instanceof CallEvent.Ringing)) {
      var timer = ringTimers.remove(event.callId());
      if (timer != null) {
        timer.cancel(false);
      }
    }
    if (event instanceof CallEvent.Ended ended) {
      try {
        var record =
            new CallRecord(ended.media().label(), ended.outcome(), ended.talked().toMillis());
        var stored = chat.recordCall(ended.caller(), ended.callee(), record);
        fire(new CallEvent.Recorded(ended.callId(), ended.caller(), ended.callee(), stored));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "could not record call " + ended.callId() + " in history", e);
      }
    }
  }

  /** One observer's failure must not keep the others, or history, from hearing of the call. */
  private void fire(CallEvent event) {
    try {
      events.fire(event);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "an observer of " + event + " failed", e);
    }
  }
}
