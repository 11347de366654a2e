package dev.chorus.media.sfu.bwe;

import dev.chorus.media.rtp.SequenceNumbers;
import dev.chorus.media.rtp.rtcp.TransportCcBuilder;
import dev.chorus.media.rtp.rtcp.TransportCcFeedback;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Notes when each packet of a publisher's transport arrived, by its transport-wide sequence number
 * (the transport-cc header extension), and turns the notes into feedback (<a
 * href="https://datatracker.ietf.org/doc/html/draft-holmer-rmcat-transport-wide-cc-extensions-01#section-3.1">
 * draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1</a>) for the browser's send-side
 * congestion controller, as a receiver does every ~100 ms.
 *
 * <p>Each feedback covers the packets noted since the previous one; a packet arriving after its
 * number was already covered is not reported again (it was reported lost; rare, and the controller
 * copes). At most {@link #CAPACITY} arrivals are kept between feedbacks; more are dropped and
 * counted. Used by the publisher transport's packet thread only; {@link #record} allocates nothing.
 */
public final class TransportCcRecorder {
  static final int CAPACITY = 1024;

  private final long[] keys = new long[CAPACITY];
  private final long[] arrivalMicros = new long[CAPACITY];
  private int count;
  private boolean started;
  private long highestUnwrapped;
  private long reportedUpTo = Long.MIN_VALUE;
  private int feedbackCount;
  private long overflow;

  /** Notes that transport-wide sequence number {@code seq} arrived at {@code nowNanos}. */
  public void record(int seq, long nowNanos) {
    long unwrapped = unwrap(seq & SequenceNumbers.MASK);
    if (unwrapped <= reportedUpTo) {
      return;
    }
    if (count == CAPACITY) {
      overflow++;
      return;
    }
    // Sort key: the unwrapped number above the slot index, so sorting keeps both together.
    keys[count] = (unwrapped << 10) | count;
    arrivalMicros[count] = Math.floorDiv(nowNanos, 1000);
    count++;
  }

  public boolean isEmpty() {
    return count == 0;
  }

  long overflow() {
    return overflow;
  }

  /** Feedback for everything noted since the last call, in as many packets as needed. */
  public List<TransportCcFeedback> build(long senderSsrc, long mediaSsrc) {
    List<TransportCcFeedback> out = new ArrayList<>(1);
    if (count == 0) {
      return out;
    }
    Arrays.sort(keys, 0, count);
    TransportCcBuilder builder = new TransportCcBuilder(senderSsrc, mediaSsrc, feedbackCount);
    long previous = Long.MIN_VALUE;
    for (int i = 0; i < count; i++) {
      long unwrapped = keys[i] >> 10;
      if (unwrapped == previous) {
        continue; // a duplicate
      }
      previous = unwrapped;
      int seq = (int) (unwrapped & SequenceNumbers.MASK);
      long arrival = arrivalMicros[(int) (keys[i] & 0x3FF)];
      if (!builder.add(seq, arrival)) {
        builder.build().ifPresent(out::add);
        feedbackCount = (feedbackCount + 1) & 0xFF;
        builder = new TransportCcBuilder(senderSsrc, mediaSsrc, feedbackCount);
        builder.add(seq, arrival);
      }
      reportedUpTo = Math.max(reportedUpTo, unwrapped);
    }
    builder.build().ifPresent(out::add);
    feedbackCount = (feedbackCount + 1) & 0xFF;
    count = 0;
    return out;
  }

  private long unwrap(int seq) {
    if (!started) {
      started = true;
      highestUnwrapped = seq + (1L << 20); // headroom so that early late packets stay positive
      return highestUnwrapped;
    }
    int delta = SequenceNumbers.delta(seq, (int) (highestUnwrapped & SequenceNumbers.MASK));
    long unwrapped = highestUnwrapped + delta;
    if (delta > 0) {
      highestUnwrapped = unwrapped;
    }
    return unwrapped;
  }
}
