package dev.chorus.media.sfu;

import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.rtp.SequenceNumbers;
import dev.chorus.media.rtp.rtcp.GenericNack;
import dev.chorus.media.sfu.stream.PayloadTypeMap;
import dev.chorus.media.sfu.stream.RetransmissionCache;
import dev.chorus.media.sfu.stream.RtxPacket;
import dev.chorus.media.sfu.stream.SentHistory;
import dev.chorus.media.sfu.stream.VideoFormat;
import dev.chorus.media.sfu.stream.Vp8PictureRewriter;
import dev.chorus.media.sfu.transport.RetransmissionBudget;
import java.util.concurrent.atomic.LongAdder;

/**
 * Answers a subscriber's generic NACKs (<a
 * href="https://www.rfc-editor.org/rfc/rfc4585#section-6.2.1">RFC 4585 §6.2.1</a>) for one consumer
 * from the producer's {@link RetransmissionCache}, without troubling the publisher.
 *
 * <p>Each requested sequence number (the consumer's) is resolved through the consumer's {@link
 * SentHistory} to the layer and publisher sequence number it carried, copied from the cache and
 * rewritten exactly as it was first sent (same sequence number, timestamp, VP8 numbering). With RTX
 * negotiated it goes out as an RTX packet (<a
 * href="https://www.rfc-editor.org/rfc/rfc4588#section-4">RFC 4588 §4</a>: RTX SSRC and payload
 * type, its own sequence numbering, the original sequence number first in the payload), else as a
 * plain copy. A packet no longer in the history or the cache is counted as a miss; the subscriber
 * will ask for a key frame if it matters.
 *
 * <p>Bounded by the consumer's {@link RetransmissionBudget}: resent bytes come out of a token
 * bucket (one second's worth deep) and a packet is resent at most {@code maxPerPacket} times; a
 * NACKed packet beyond either is ignored and counted, so a NACK flood costs the SFU at most the
 * budget's bytes per second per consumer, plus reading the NACKs.
 *
 * <p>Runs on the subscriber transport's packet thread, which alone numbers the RTX packets and
 * touches the bucket and the per-packet counts.
 */
final class NackResponder {
  private static final int SENT = 0;
  private static final int MISS = 1;
  private static final int REFUSED = 2;
  private static final double NANOS_PER_SECOND = 1e9;
  private static final int RTX_HEADER = 2; // the original sequence number (RFC 4588 §4)

  final LongAdder requested = new LongAdder();
  final LongAdder retransmitted = new LongAdder();
  final LongAdder misses = new LongAdder();
  final LongAdder overBudget = new LongAdder();
  final LongAdder overRepeatLimit = new LongAdder();
  private final Consumer consumer;
  private final RetransmissionBudget budget;

  /**
   * Per outgoing sequence number (modulo the size), how often it was resent: the packet's timestamp
   * and sequence number, then the count in the low byte, so a later packet in the slot starts at 0.
   */
  private final long[] resends = new long[1024];

  private int rtxSeq;
  private double tokens;
  private long refilledAt;

  NackResponder(Consumer consumer, int initialRtxSeq, RetransmissionBudget budget, long now) {
    this.consumer = consumer;
    this.rtxSeq = initialRtxSeq & SequenceNumbers.MASK;
    this.budget = budget;
    this.tokens = budget.bytesPerSecond();
    this.refilledAt = now;
  }

  void onNack(GenericNack nack, long now, PacketScratch scratch) {
    for (GenericNack.Pair pair : nack.pairs()) {
      retransmit(pair.pid(), now, scratch);
      int blp = pair.blp();
      for (int bit = 0; bit < 16; bit++) {
        if ((blp & (1 << bit)) != 0) {
          retransmit(SequenceNumbers.add(pair.pid(), bit + 1), now, scratch);
        }
      }
    }
  }

  private void retransmit(int seq, long now, PacketScratch scratch) {
    requested.increment();
    refill(now);
    if (tokens < 1) {
      overBudget.increment(); // before any lookup: a flood past the budget costs only this
      return;
    }
    if (resend(seq, now, scratch) == MISS) {
      misses.increment();
    }
  }

  private void refill(long now) {
    long elapsed = now - refilledAt;
    if (elapsed <= 0) {
      return;
    }
    refilledAt = now;
    double rate = budget.bytesPerSecond();
    tokens = Math.min(rate, tokens + rate * elapsed / NANOS_PER_SECOND);
  }

  private int resend(int seq, long now, PacketScratch scratch) {
    SentHistory history = consumer.history;
    SentHistory.Entry entry = history == null ? null : history.lookup(seq);
    if (entry == null || consumer.isClosed()) {
      return MISS;
    }
    int slot = seq & (resends.length - 1);
    long tag = (entry.timestamp() << 32) | ((long) seq << 8);
    long seen = resends[slot];
    int count = (seen & ~0xFFL) == tag ? (int) (seen & 0xFF) : 0;
    if (count >= budget.maxPerPacket()) {
      overRepeatLimit.increment();
      return REFUSED;
    }
    ProducerStream source = consumer.producer().stream(entry.layer());
    byte[] buf = scratch.buf;
    int len = source.cache.copy(entry.sourceSeq(), now, buf, 0);
    RtpPacket out = scratch.view;
    if (len < 0 || len > PacketScratch.maxPacket() || !out.wrap(buf, 0, len)) {
      return MISS;
    }
    int producerPt = out.payloadType();
    PayloadTypeMap types = consumer.payloadTypes();
    int pt = types.consumerPayloadType(producerPt);
    if (pt < 0) {
      return MISS;
    }
    VideoFormat format = consumer.producer().format(producerPt);
    out.setSsrc(consumer.ssrc());
    out.setPayloadType(pt);
    out.setSequenceNumber(seq);
    out.setTimestamp(entry.timestamp());
    consumer.extensions.rewrite(out, consumer.router().clock().ntp(now));
    if (format == VideoFormat.VP8
        && scratch.vp8.wrap(buf, out.payloadOffset(), out.payloadLength())) {
      Vp8PictureRewriter.rewrite(scratch.vp8, entry.pictureIdDelta(), entry.tl0Delta());
    }
    int outLen = out.length();
    if (tokens < outLen + RTX_HEADER) {
      overBudget.increment(); // checked before numbering an RTX packet, which leaves no gap
      return REFUSED;
    }
    int rtxPt = types.consumerRtxPayloadType(producerPt);
    if (consumer.rtxSsrc() != 0 && rtxPt >= 0) {
      outLen = RtxPacket.encapsulate(out, consumer.rtxSsrc(), rtxPt, rtxSeq);
      if (outLen < 0) {
        return MISS;
      }
      rtxSeq = SequenceNumbers.add(rtxSeq, 1);
    }
    if (!consumer.transport().sendRtp(buf, 0, outLen)) {
      consumer.notSent.increment();
      return MISS;
    }
    tokens -= outLen;
    resends[slot] = tag | (count + 1);
    retransmitted.increment();
    return SENT;
  }
}
