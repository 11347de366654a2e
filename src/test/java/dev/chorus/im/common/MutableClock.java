package dev.chorus.im.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves by hand, and can break to prove that a task survives a failure. */
public final class MutableClock extends Clock {
  private Instant now;
  private boolean broken;

  public MutableClock(Instant start) {
    this.now = start;
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }

  /** While broken, reading the clock throws {@link IllegalStateException}. */
  public void setBroken(boolean broken) {
    this.broken = broken;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    if (broken) {
      throw new IllegalStateException("clock broke");
    }
    return now;
  }
}
