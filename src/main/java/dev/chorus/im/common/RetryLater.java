package dev.chorus.im.common;

import java.time.Duration;

/** A failure that goes away by itself: the client may try again after {@link #retryAfter()}. */
public interface RetryLater {
  Duration retryAfter();
}
