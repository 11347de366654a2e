package dev.chorus.media.sfu;

import dev.chorus.media.rtp.HeaderExtensionCursor;
import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.sfu.stream.HeaderExtensionIds;

/**
 * Finds the producer stream of an SSRC the SDP did not announce, from the packet's header
 * extensions, as browsers expect of a receiver of RID-based simulcast: the MID (<a
 * href="https://www.rfc-editor.org/rfc/rfc8843#section-15">RFC 8843 §15</a>) names the producer,
 * the RID (<a href="https://www.rfc-editor.org/rfc/rfc8852#section-3.1">RFC 8852 §3.1</a>) its
 * encoding, the repaired RID (§3.2) an encoding's RTX stream. A producer with one encoding and no
 * RID is matched by MID alone; its RTX stream is told apart by payload type.
 *
 * <p>Browsers put MID and RID only in the first packets of a stream (until they see a receiver
 * report), so an SSRC is learned once and then looked up. An SSRC that matched nothing is not tried
 * again for {@link #RETRY_NANOS}, so garbage costs no lock per packet.
 */
final class SsrcLearner {
  static final long RETRY_NANOS = 500_000_000L;
  private static final int REMEMBERED = 8;

  private final long[] failed = new long[REMEMBERED];
  private final long[] failedAt = new long[REMEMBERED];
  private final boolean[] used = new boolean[REMEMBERED];
  private int next;

  /** The stream of the packet's SSRC, learned now, or null. On the packet thread. */
  RouterTransport.Incoming learn(RouterTransport transport, RtpPacket packet, long now) {
    long ssrc = packet.ssrc();
    for (int i = 0; i < REMEMBERED; i++) {
      if (used[i] && failed[i] == ssrc && now - failedAt[i] < RETRY_NANOS) {
        return null;
      }
    }
    RouterTransport.Incoming in = transport.router().learnSsrc(transport, packet);
    if (in == null) {
      failed[next] = ssrc;
      failedAt[next] = now;
      used[next] = true;
      next = (next + 1) % REMEMBERED;
    }
    return in;
  }

  /**
   * Binds the packet's SSRC to the stream it matches, or returns null; the caller holds the
   * router's lock (this changes the transport's SSRC table).
   */
  static RouterTransport.Incoming bind(RouterTransport transport, RtpPacket p) {
    long ssrc = p.ssrc();
    if (transport.isClosed()) {
      return null;
    }
    RouterTransport.Incoming known = transport.find(ssrc);
    if (known != null) {
      return known;
    }
    Match match = match(transport.producerArray(), p);
    if (match == null || transport.usesSsrc(ssrc)) {
      return null;
    }
    ProducerStream s = match.stream();
    if (match.rtx() ? s.rtxSsrc() != 0 : s.ssrc() != 0) {
      return null; // announced or learned already, under another SSRC
    }
    if (match.rtx()) {
      s.learnRtxSsrc(ssrc);
    } else {
      s.learnSsrc(ssrc);
    }
    transport.addIncoming(ssrc, s, match.rtx());
    return transport.find(ssrc);
  }

  /** A match: the stream and whether the SSRC is its RTX stream. */
  record Match(ProducerStream stream, boolean rtx) {}

  /** Which stream of {@code producers} the packet belongs to, or null. */
  static Match match(Producer[] producers, RtpPacket packet) {
    for (Producer producer : producers) {
      HeaderExtensionIds ids = producer.options().extensions();
      if (ids.mid() == 0
          || producer.midBytes == null
          || !extensionEquals(packet, ids.mid(), producer.midBytes)) {
        continue;
      }
      boolean rtx = producer.isRtxPayloadType(packet.payloadType());
      int ridId = rtx ? ids.repairedRid() : ids.rid();
      if (ridId != 0) {
        for (ProducerStream s : producer.streams()) {
          if (s.ridBytes != null && extensionEquals(packet, ridId, s.ridBytes)) {
            return new Match(s, rtx);
          }
        }
      }
      if (producer.layers() == 1 && producer.stream(0).rid == null) {
        return new Match(producer.stream(0), rtx);
      }
      return null;
    }
    return null;
  }

  private static boolean extensionEquals(RtpPacket packet, int id, byte[] value) {
    if (!packet.hasExtension()) {
      return false;
    }
    HeaderExtensionCursor c = packet.extensions();
    if (!c.find(id) || c.dataLength() != value.length) {
      return false;
    }
    byte[] buf = packet.buffer();
    int at = c.dataOffset();
    for (int i = 0; i < value.length; i++) {
      if (buf[at + i] != value[i]) {
        return false;
      }
    }
    return true;
  }
}
