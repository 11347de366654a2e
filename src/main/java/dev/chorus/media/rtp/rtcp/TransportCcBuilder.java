package dev.chorus.media.rtp.rtcp;

import dev.chorus.media.rtp.SequenceNumbers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@link TransportCcFeedback} from packet arrivals (transport-wide sequence number → arrival
 * time), as a receiver does every few tens of milliseconds (<a
 * href="https://datatracker.ietf.org/doc/html/draft-holmer-rmcat-transport-wide-cc-extensions-01#section-3.1">
 * draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1</a>).
 *
 * <p>Packets are added in increasing sequence order; gaps become "not received". The reference time
 * is the first arrival rounded down to 64 ms (written modulo 2^24), and each delta is counted in
 * whole 250 µs ticks of the arrival clock, so rounding never accumulates. {@link #add} refuses a
 * packet the feedback cannot carry (out of order, delta outside ±8.19 s, status count or size limit
 * reached): the caller then builds this one and starts the next, as {@link #fromArrivals} does. Not
 * thread-safe.
 */
public final class TransportCcBuilder {
  /** Default size cap, leaving room in a 1200-byte datagram for SRTCP and other RTCP. */
  public static final int DEFAULT_MAX_LENGTH = 1100;

  private final long senderSsrc;
  private final long mediaSsrc;
  private final int feedbackPacketCount;
  private final int maxLength;
  private byte[] symbols = new byte[64];
  private int[] deltas = new int[64];
  private int count;
  private int received;
  private int deltaBytes;
  private int baseSequence;
  private int lastSequence;
  private long referenceTime;
  private long lastTicks;

  public TransportCcBuilder(long senderSsrc, long mediaSsrc, int feedbackPacketCount) {
    this(senderSsrc, mediaSsrc, feedbackPacketCount, DEFAULT_MAX_LENGTH);
  }

  /**
   * @param maxLength upper bound on the encoded feedback in bytes (at least 32)
   */
  public TransportCcBuilder(
      long senderSsrc, long mediaSsrc, int feedbackPacketCount, int maxLength) {
    this.senderSsrc = Checks.u32(senderSsrc, "sender ssrc");
    this.mediaSsrc = Checks.u32(mediaSsrc, "media ssrc");
    this.feedbackPacketCount = Checks.range(feedbackPacketCount, 0, 255, "fb pkt count");
    this.maxLength = Checks.range(maxLength, 32, 0xFFFF * 4, "max length");
  }

  /**
   * Records that packet {@code sequenceNumber} arrived at {@code arrivalTimeMicros} (any monotonic
   * microsecond clock). Returns false, changing nothing, if it cannot be added.
   */
  public boolean add(int sequenceNumber, long arrivalTimeMicros) {
    int seq = sequenceNumber & SequenceNumbers.MASK;
    long ticks = Math.floorDiv(arrivalTimeMicros, TransportCcFeedback.DELTA_TICK_MICROS);
    if (count == 0) {
      long reference =
          Math.floorDiv(arrivalTimeMicros, TransportCcFeedback.REFERENCE_TIME_UNIT_MICROS);
      int delta = (int) (ticks - reference * 256);
      if (!fits(1, 1)) {
        return false;
      }
      baseSequence = seq;
      referenceTime = reference;
      append(1, delta);
      lastSequence = seq;
      lastTicks = ticks;
      return true;
    }
    int step = SequenceNumbers.delta(seq, lastSequence);
    long delta = ticks - lastTicks;
    if (step <= 0 || count + step > 0xFFFF || delta < Short.MIN_VALUE || delta > Short.MAX_VALUE) {
      return false;
    }
    int symbol = delta >= 0 && delta <= 255 ? 1 : 2;
    if (!fits(step, symbol)) {
      return false;
    }
    for (int i = 1; i < step; i++) {
      append(0, 0);
    }
    append(symbol, (int) delta);
    lastSequence = seq;
    lastTicks = ticks;
    return true;
  }

  /**
   * Whether {@code moreSymbols} more symbols (the last one {@code lastSymbol}, the others "not
   * received") still fit. A cheap bound comes first (every chunk but the last covers at least 7
   * symbols); only near the limit are the chunks actually counted, on a scratch copy of the tail.
   */
  private boolean fits(int moreSymbols, int lastSymbol) {
    int n = count + moreSymbols;
    int fixed = TransportCcCodec.FIXED_LENGTH + deltaBytes + lastSymbol;
    if (RtcpHeader.roundUp4(fixed + 2 * ((n + 6) / 7)) <= maxLength) {
      return true;
    }
    if (RtcpHeader.roundUp4(fixed + 2) > maxLength) {
      return false;
    }
    ensureCapacity(n);
    Arrays.fill(symbols, count, n - 1, (byte) 0);
    symbols[n - 1] = (byte) lastSymbol;
    int chunks = TransportCcCodec.encodeChunks(symbols, n, null);
    return RtcpHeader.roundUp4(fixed + 2 * chunks) <= maxLength;
  }

  private void ensureCapacity(int n) {
    if (n > symbols.length) {
      symbols = Arrays.copyOf(symbols, Math.max(n, symbols.length * 2));
    }
  }

  private void append(int symbol, int delta) {
    ensureCapacity(count + 1);
    symbols[count++] = (byte) symbol;
    if (symbol != 0) {
      if (received == deltas.length) {
        deltas = Arrays.copyOf(deltas, received * 2);
      }
      deltas[received++] = delta;
      deltaBytes += symbol;
    }
  }

  public boolean isEmpty() {
    return count == 0;
  }

  /** The feedback so far, or empty if nothing was added. The builder can keep adding. */
  public Optional<TransportCcFeedback> build() {
    if (count == 0) {
      return Optional.empty();
    }
    byte[] s = Arrays.copyOf(symbols, count);
    int wrappedReference = (int) (referenceTime << 40 >> 40);
    return Optional.of(
        new TransportCcFeedback(
            senderSsrc,
            mediaSsrc,
            baseSequence,
            wrappedReference,
            feedbackPacketCount,
            s,
            Arrays.copyOf(deltas, received),
            TransportCcCodec.encodeChunks(s)));
  }

  /**
   * Feedback for all {@code arrivals} (sequence number → arrival time in µs), split into as many
   * packets as needed, numbered from {@code firstFeedbackPacketCount} (mod 256). Sequence numbers
   * (taken mod 2^16) are put in send order across the 65535→0 wrap, assuming they span less than
   * 32768.
   */
  public static List<TransportCcFeedback> fromArrivals(
      long senderSsrc, long mediaSsrc, int firstFeedbackPacketCount, Map<Integer, Long> arrivals) {
    Map<Integer, Long> bySeq = new HashMap<>();
    arrivals.forEach((seq, time) -> bySeq.put(seq & SequenceNumbers.MASK, time));
    int[] seqs =
        SequenceNumbers.sortedInSendOrder(
            bySeq.keySet().stream().mapToInt(Integer::intValue).toArray());
    List<TransportCcFeedback> out = new ArrayList<>();
    int fbCount = firstFeedbackPacketCount & 0xFF;
    TransportCcBuilder b = new TransportCcBuilder(senderSsrc, mediaSsrc, fbCount);
    for (int seq : seqs) {
      long arrival = bySeq.get(seq);
      if (!b.add(seq, arrival)) {
        b.build().ifPresent(out::add);
        fbCount = (fbCount + 1) & 0xFF;
        b = new TransportCcBuilder(senderSsrc, mediaSsrc, fbCount);
        b.add(seq, arrival);
      }
    }
    b.build().ifPresent(out::add);
    return out;
  }
}
