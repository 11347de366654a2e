package dev.chorus.im.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;

/**
 * Runs a piece of database work in one transaction that has committed when the call returns. Room
 * services do their database work through here and only then change who is in a room and announce
 * the change, so nobody hears of a change that is then rolled back, and no event, push or password
 * hash runs inside a transaction.
 */
@ApplicationScoped
public class InTransaction {
  /** The work's result, after the commit; a runtime exception rolls everything back. */
  @Transactional
  public <T> T call(Supplier<T> work) {
    return work.get();
  }

  @Transactional
  public void run(Runnable work) {
    work.run();
  }
}
