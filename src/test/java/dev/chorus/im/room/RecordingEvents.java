package dev.chorus.im.room;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for CDI's {@code Event<RoomEvent>} in unit tests: records what is fired, and runs a
 * check at the moment of each fire (no lock held, no transaction open).
 */
final class RecordingEvents implements Event<RoomEvent> {
  final List<RoomEvent> fired = new CopyOnWriteArrayList<>();
  private final Runnable checkAtFire;

  RecordingEvents(Runnable checkAtFire) {
    this.checkAtFire = checkAtFire;
  }

  @Override
  public void fire(RoomEvent event) {
    checkAtFire.run();
    fired.add(event);
  }

  @Override
  public <U extends RoomEvent> CompletionStage<U> fireAsync(U event) {
    throw new UnsupportedOperationException("room events are fired synchronously");
  }

  @Override
  public <U extends RoomEvent> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
    throw new UnsupportedOperationException("room events are fired synchronously");
  }

  @Override
  public Event<RoomEvent> select(Annotation... qualifiers) {
    throw new UnsupportedOperationException();
  }

  @Override
  public <U extends RoomEvent> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
    throw new UnsupportedOperationException();
  }

  @Override
  public <U extends RoomEvent> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
    throw new UnsupportedOperationException();
  }

  /** The kinds fired, in order. */
  List<String> kinds() {
    return fired.stream().map(e -> e.getClass().getSimpleName()).toList();
  }
}
