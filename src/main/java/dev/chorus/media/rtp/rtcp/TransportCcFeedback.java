package dev.chorus.media.rtp.rtcp;

import dev.chorus.media.rtp.SequenceNumbers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Transport-wide congestion control feedback: RTPFB (205) with FMT 15 (<a
 * href="https://datatracker.ietf.org/doc/html/draft-holmer-rmcat-transport-wide-cc-extensions-01#section-3.1">
 * draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1</a>): for {@link #packetStatusCount()}
 * transport-wide sequence numbers from {@link #baseSequenceNumber()}, whether each packet arrived
 * and, if so, its arrival time as a delta in 250 µs ticks from the previous arrival (the first one
 * from the reference time, in 64 ms units).
 *
 * <p>Immutable. Instances come from {@link #parse} or {@link TransportCcBuilder}; the packet status
 * chunks are kept as they were parsed or encoded so that writing reproduces them exactly. Written
 * padding uses the RTCP P bit with a count byte, as libwebrtc does.
 */
public final class TransportCcFeedback implements RtcpPacket {
  /** Microseconds per reference time unit. */
  public static final long REFERENCE_TIME_UNIT_MICROS = 64_000;

  /** Microseconds per receive delta tick. */
  public static final long DELTA_TICK_MICROS = 250;

  /** Per-packet status symbols of the -01 draft; symbol 3 is reserved and rejected. */
  public enum Status {
    NOT_RECEIVED,
    RECEIVED_SMALL_DELTA,
    RECEIVED_LARGE_DELTA
  }

  /**
   * One reported packet; {@code arrivalTimeMicros} is in the feedback sender's clock (reference
   * time × 64 ms plus the deltas) and 0 when the packet was not received.
   */
  public record PacketResult(int sequenceNumber, boolean received, long arrivalTimeMicros) {}

  private final long senderSsrc;
  private final long mediaSsrc;
  private final int baseSequenceNumber;
  private final int referenceTime;
  private final int feedbackPacketCount;
  private final byte[] symbols;
  private final int[] deltas;
  private final int[] chunks;

  TransportCcFeedback(
      long senderSsrc,
      long mediaSsrc,
      int baseSequenceNumber,
      int referenceTime,
      int feedbackPacketCount,
      byte[] symbols,
      int[] deltas,
      int[] chunks) {
    this.senderSsrc = senderSsrc;
    this.mediaSsrc = mediaSsrc;
    this.baseSequenceNumber = baseSequenceNumber;
    this.referenceTime = referenceTime;
    this.feedbackPacketCount = feedbackPacketCount;
    this.symbols = symbols;
    this.deltas = deltas;
    this.chunks = chunks;
  }

  /** Parses the feedback packet that is exactly {@code len} bytes at {@code off}. */
  public static Optional<TransportCcFeedback> parse(byte[] buf, int off, int len) {
    return TransportCcCodec.parse(buf, off, len);
  }

  public long senderSsrc() {
    return senderSsrc;
  }

  public long mediaSsrc() {
    return mediaSsrc;
  }

  public int baseSequenceNumber() {
    return baseSequenceNumber;
  }

  /** Signed 24-bit reference time in 64 ms units. */
  public int referenceTime() {
    return referenceTime;
  }

  public long referenceTimeMicros() {
    return referenceTime * REFERENCE_TIME_UNIT_MICROS;
  }

  /** The 8-bit counter the sender increments per feedback packet, to detect lost feedback. */
  public int feedbackPacketCount() {
    return feedbackPacketCount;
  }

  public int packetStatusCount() {
    return symbols.length;
  }

  /** Transport-wide sequence number of the {@code index}-th reported packet. */
  public int sequenceNumber(int index) {
    return SequenceNumbers.add(baseSequenceNumber, index);
  }

  public Status status(int index) {
    return Status.values()[symbols[index]];
  }

  /** Number of received packets, i.e. of receive deltas. */
  public int receivedCount() {
    return deltas.length;
  }

  /** The {@code i}-th receive delta, in 250 µs ticks (negative only for large deltas). */
  public int deltaTicks(int i) {
    return deltas[i];
  }

  /** The raw 16-bit packet status chunks. */
  public int[] chunks() {
    return chunks.clone();
  }

  int chunk(int i) {
    return chunks[i];
  }

  int chunkCount() {
    return chunks.length;
  }

  int symbol(int i) {
    return symbols[i];
  }

  /** Every reported packet with its arrival time, in sequence order. */
  public List<PacketResult> packets() {
    List<PacketResult> out = new ArrayList<>(symbols.length);
    long time = referenceTimeMicros();
    int d = 0;
    for (int i = 0; i < symbols.length; i++) {
      if (symbols[i] == 0) {
        out.add(new PacketResult(sequenceNumber(i), false, 0));
      } else {
        time += deltas[d++] * DELTA_TICK_MICROS;
        out.add(new PacketResult(sequenceNumber(i), true, time));
      }
    }
    return out;
  }

  @Override
  public int packetType() {
    return RtcpHeader.RTPFB;
  }

  @Override
  public int encodedLength() {
    return RtcpHeader.roundUp4(TransportCcCodec.unpaddedLength(this));
  }

  @Override
  public int writeTo(byte[] buf, int off) {
    return TransportCcCodec.write(this, buf, off);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransportCcFeedback f
        && senderSsrc == f.senderSsrc
        && mediaSsrc == f.mediaSsrc
        && baseSequenceNumber == f.baseSequenceNumber
        && referenceTime == f.referenceTime
        && feedbackPacketCount == f.feedbackPacketCount
        && Arrays.equals(symbols, f.symbols)
        && Arrays.equals(deltas, f.deltas)
        && Arrays.equals(chunks, f.chunks);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(symbols) * 31 + Arrays.hashCode(deltas) + baseSequenceNumber;
  }

  @Override
  public String toString() {
    return "TransportCcFeedback[sender="
        + senderSsrc
        + ", media="
        + mediaSsrc
        + ", base="
        + baseSequenceNumber
        + ", count="
        + symbols.length
        + ", received="
        + deltas.length
        + ", referenceTime="
        + referenceTime
        + ", fbPktCount="
        + feedbackPacketCount
        + "]";
  }
}
