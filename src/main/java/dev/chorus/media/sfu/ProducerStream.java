package dev.chorus.media.sfu;

import dev.chorus.media.rtp.rtcp.ReportBlock;
import dev.chorus.media.rtp.rtcp.SenderReport;
import dev.chorus.media.sfu.bwe.RateMeter;
import dev.chorus.media.sfu.stream.KeyframeRequestThrottle;
import dev.chorus.media.sfu.stream.NackRequester;
import dev.chorus.media.sfu.stream.ReceiveStatistics;
import dev.chorus.media.sfu.stream.RetransmissionCache;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;

/**
 * One RTP stream a producer receives: its only encoding or one simulcast layer. Holds what the
 * router knows about it: SSRCs (announced or learned), reception statistics for receiver reports,
 * the publisher's last sender report (its NTP/RTP clock mapping), the retransmission cache, the key
 * frame request throttle and counters.
 *
 * <p>Threads: written on the publisher transport's packet thread; the cache, throttle, clock
 * mapping, rate and counters are also read from subscribers' packet threads, lock-free.
 */
final class ProducerStream {
  /**
   * A layer that sent nothing for this long is taken as switched off by the publisher (a browser
   * drops its top layers when its own bandwidth estimate falls); consumers on it move down. Long
   * enough for a low layer at a few frames per second, short enough to keep the freeze short.
   */
  static final long ACTIVE_WINDOW_NANOS = 1_000_000_000L;

  /**
   * The publisher's clock mapping from its last sender report.
   *
   * @param ntp its NTP timestamp
   * @param rtpTimestamp the RTP timestamp of the same instant
   * @param arrivalNanos when it arrived, on the router's clock
   */
  record SenderClock(long ntp, long rtpTimestamp, long arrivalNanos) {}

  final Producer producer;
  final int layer;
  final String rid;
  final byte[] ridBytes;
  final ReceiveStatistics statistics;
  final RetransmissionCache cache;
  final NackRequester nacks;
  final KeyframeRequestThrottle keyframeRequests;
  final RateMeter rate = new RateMeter();
  final LongAdder packets = new LongAdder();
  final LongAdder bytes = new LongAdder();
  final LongAdder keyframes = new LongAdder();

  /**
   * The RTP timestamp of the last key frame counted: an H.264 key frame starts in two packets (the
   * STAP-A with its SPS, the IDR's first fragment) and counts once. Packet thread only; -1: none.
   */
  long lastKeyframeTimestamp = -1;

  final LongAdder retransmissionsReceived = new LongAdder();
  final LongAdder paddingOnly = new LongAdder();
  private volatile long ssrc;
  private volatile long rtxSsrc;
  private volatile SenderClock senderClock;
  private volatile long lastPacketNanos;
  private volatile boolean receivedAny;

  ProducerStream(
      Producer producer,
      int layer,
      Encoding encoding,
      int clockRate,
      RetransmissionCache cache,
      long keyframeRequestIntervalNanos) {
    this.producer = producer;
    this.layer = layer;
    this.rid = encoding.rid();
    this.ridBytes = rid == null ? null : rid.getBytes(StandardCharsets.UTF_8);
    this.ssrc = encoding.ssrc();
    this.rtxSsrc = encoding.rtxSsrc();
    this.statistics = new ReceiveStatistics(clockRate);
    this.cache = cache;
    this.nacks = cache == null ? null : new NackRequester();
    this.keyframeRequests = new KeyframeRequestThrottle(keyframeRequestIntervalNanos);
  }

  long ssrc() {
    return ssrc;
  }

  long rtxSsrc() {
    return rtxSsrc;
  }

  void learnSsrc(long value) {
    ssrc = value;
  }

  void learnRtxSsrc(long value) {
    rtxSsrc = value;
  }

  /**
   * Counts a media packet (after RTX unwrapping); returns the sequence step (see
   * ReceiveStatistics).
   */
  int onPacket(int seq, long timestamp, int length, long now) {
    packets.increment();
    bytes.add(length);
    rate.add(now, length);
    lastPacketNanos = now;
    receivedAny = true;
    return statistics.onPacket(seq, timestamp, now);
  }

  /** Whether the publisher is sending this layer. */
  boolean isActive(long now) {
    return receivedAny && now - lastPacketNanos < ACTIVE_WINDOW_NANOS;
  }

  long bitrate(long now) {
    return rate.bitsPerSecond(now);
  }

  void onSenderReport(SenderReport sr, long now) {
    senderClock = new SenderClock(sr.ntpTimestamp(), sr.rtpTimestamp(), now);
  }

  /** The last sender report's mapping, or null before the first. */
  SenderClock senderClock() {
    return senderClock;
  }

  /** The receiver report block about this stream for the interval ending now, or null. */
  ReportBlock reportBlock(long now) {
    long media = ssrc;
    if (media == 0 || !statistics.started()) {
      return null;
    }
    SenderClock sr = senderClock;
    long lsr = sr == null ? 0 : (sr.ntp() >>> 16) & 0xFFFF_FFFFL;
    long since = sr == null ? 0 : now - sr.arrivalNanos();
    return statistics.reportBlock(media, lsr, since);
  }
}
