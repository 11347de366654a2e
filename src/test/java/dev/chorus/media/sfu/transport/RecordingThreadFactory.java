package dev.chorus.media.sfu.transport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/** The default thread factory, remembering every thread it made, so a test can count them. */
public final class RecordingThreadFactory implements ThreadFactory {
  private final List<Thread> made = new CopyOnWriteArrayList<>();

  @Override
  public Thread newThread(Runnable task) {
    Thread t = Executors.defaultThreadFactory().newThread(task);
    made.add(t);
    return t;
  }

  /** How many threads it made. */
  public int made() {
    return made.size();
  }

  /** How many of those are alive. */
  public long alive() {
    return made.stream().filter(Thread::isAlive).count();
  }
}
