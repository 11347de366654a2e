package dev.chorus.signaling.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chorus.im.presence.PresenceChanged;
import dev.chorus.im.room.RoomEvent;
import dev.chorus.signaling.PresencePusher;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The pushers hear of domain changes only after the commit, should a change ever be fired inside a
 * transaction (CDI then holds the notification until the transaction succeeded, and drops it on a
 * rollback).
 */
class PushAfterCommitTest {
  @Test
  void roomAndPresencePushersObserveAfterSuccess() {
    assertEquals(TransactionPhase.AFTER_SUCCESS, phase(RoomPusher.class, RoomEvent.class));
    assertEquals(
        TransactionPhase.AFTER_SUCCESS, phase(PresencePusher.class, PresenceChanged.class));
  }

  private static TransactionPhase phase(Class<?> observer, Class<?> event) {
    return Arrays.stream(observer.getDeclaredMethods())
        .filter(m -> m.getParameterCount() == 1 && m.getParameterTypes()[0] == event)
        .map(m -> m.getParameters()[0].getAnnotation(Observes.class))
        .filter(o -> o != null)
        .map(Observes::during)
        .findFirst()
        .orElseThrow(() -> new AssertionError(observer + " does not observe " + event));
  }
}
