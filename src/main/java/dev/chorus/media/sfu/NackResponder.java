package dev.chorus.media.sfu;

import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.rtp.SequenceNumbers;
import dev.chorus.media.rtp.rtcp.GenericNack;
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
 * <p>Runs on the subscriber transport's packet thread, which alone numbers the RTX packets.
 */
final class NackResponder {
  final LongAdder requested = new LongAdder();
  final LongAdder retransmitted = new LongAdder();
  final LongAdder misses = new LongAdder();
  private final Consumer consumer;
  private int rtxSeq;

  NackResponder(Consumer consumer, int initialRtxSeq) {
    this.consumer = consumer;
    this.rtxSeq = initialRtxSeq & SequenceNumbers.MASK;
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
    if (!resend(seq, now, scratch)) {
      misses.increment();
    }
  }

  private boolean resend(int seq, long now, PacketScratch scratch) {
    SentHistory history = consumer.history;
    SentHistory.Entry entry = history == null ? null : history.lookup(seq);
    if (entry == null || consumer.isClosed()) {
      return false;
    }
    ProducerStream source = consumer.producer().stream(entry.layer());
    byte[] buf = scratch.buf;
    int len = source.cache.copy(entry.sourceSeq(), now, buf, 0);
    RtpPacket out = scratch.view;
    if (len < 0 || len > PacketScratch.maxPacket() || !out.wrap(buf, 0, len)) {
      return false;
    }
    int producerPt = out.payloadType();
    PayloadTypeMap types = consumer.payloadTypes();
    int pt = types.consumerPayloadType(producerPt);
    if (pt < 0) {
      return false;
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
    int rtxPt = types.consumerRtxPayloadType(producerPt);
    if (consumer.rtxSsrc() != 0 && rtxPt >= 0) {
      outLen = RtxPacket.encapsulate(out, consumer.rtxSsrc(), rtxPt, rtxSeq);
      if (outLen < 0) {
        return false;
      }
      rtxSeq = SequenceNumbers.add(rtxSeq, 1);
    }
    if (!consumer.transport().sendRtp(buf, 0, outLen)) {
      consumer.notSent.increment();
      return false;
    }
    retransmitted.increment();
    return true;
  }
}
