package dev.chorus.media.sfu;

import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.rtp.RtpPacketBuilder;
import dev.chorus.media.rtp.rtcp.RtcpCompound;
import dev.chorus.media.rtp.rtcp.RtcpPacket;
import dev.chorus.media.sfu.stream.HeaderExtensionIds;
import dev.chorus.media.sfu.stream.NtpClock;
import dev.chorus.media.sfu.stream.RtpCodec;
import dev.chorus.media.sfu.transport.RtcpSink;
import dev.chorus.media.sfu.transport.RtpSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/** Clocks, sinks and packet builders for router tests without sockets. */
final class RouterTestSupport {
  static final int VP8 = 96;
  static final int VP8_RTX = 97;
  static final int OPUS = 111;
  static final long UNIX_START_NANOS = 1_700_000_000_000_000_000L;

  static final HeaderExtensionIds PUBLISHER_EXTENSIONS = new HeaderExtensionIds(4, 10, 11, 1, 2, 3);
  static final HeaderExtensionIds SUBSCRIBER_EXTENSIONS = new HeaderExtensionIds(9, 0, 0, 5, 6, 0);

  private RouterTestSupport() {}

  /** A clock that moves only when told. */
  static final class ManualClock implements LongSupplier {
    private long now = 5_000_000_000L;

    @Override
    public long getAsLong() {
      return now;
    }

    void advanceMillis(long millis) {
      now += millis * 1_000_000L;
    }
  }

  /** Records what a transport would send, RTCP round-tripped through the wire format. */
  static final class Sink implements RtpSink, RtcpSink {
    final List<byte[]> rtp = new CopyOnWriteArrayList<>();
    final List<List<RtcpPacket>> rtcp = new CopyOnWriteArrayList<>();
    final List<Long> retired = new CopyOnWriteArrayList<>();
    volatile boolean ready = true;

    @Override
    public void retire(long ssrc) {
      retired.add(ssrc);
    }

    @Override
    public boolean isReady() {
      return ready;
    }

    @Override
    public boolean sendRtp(byte[] buf, int off, int len) {
      if (buf.length - off - len < RtpSink.TRAILER_ROOM) {
        throw new AssertionError("no trailer room");
      }
      rtp.add(Arrays.copyOfRange(buf, off, off + len));
      return true;
    }

    @Override
    public boolean sendRtcp(List<? extends RtcpPacket> packets) {
      byte[] wire = RtcpCompound.toBytes(packets);
      rtcp.add(RtcpCompound.parse(wire, 0, wire.length).orElseThrow());
      return true;
    }

    List<RtpPacket> rtpPackets() {
      return rtp.stream().map(b -> RtpPacket.parse(b, 0, b.length).orElseThrow()).toList();
    }

    /** Every RTCP packet of a type, over all compounds. */
    <T extends RtcpPacket> List<T> rtcpOf(Class<T> type) {
      List<T> out = new ArrayList<>();
      for (List<RtcpPacket> compound : rtcp) {
        for (RtcpPacket p : compound) {
          if (type.isInstance(p)) {
            out.add(type.cast(p));
          }
        }
      }
      return out;
    }

    void clear() {
      rtp.clear();
      rtcp.clear();
    }
  }

  static Router router(ManualClock clock, RouterListener listener) {
    return router(clock, listener, RouterOptions.defaults());
  }

  static Router router(ManualClock clock, RouterListener listener, RouterOptions options) {
    return new Router(
        "room",
        options,
        Runnable::run,
        listener,
        new NtpClock(clock, UNIX_START_NANOS),
        new Random(42));
  }

  static RouterTransport transport(Router router, String id, Sink sink) {
    return router.addTransport(id, sink, sink);
  }

  static ProducerOptions audio(long ssrc) {
    return ProducerOptions.single(
        MediaKind.AUDIO,
        "0",
        "publisher-cname",
        List.of(RtpCodec.of(OPUS, "audio/opus", 48_000)),
        Encoding.ofSsrc(ssrc, 0),
        PUBLISHER_EXTENSIONS);
  }

  static ProducerOptions video(long ssrc, long rtxSsrc) {
    return ProducerOptions.single(
        MediaKind.VIDEO,
        "1",
        "publisher-cname",
        List.of(new RtpCodec(VP8, "video/VP8", 90_000, VP8_RTX)),
        Encoding.ofSsrc(ssrc, rtxSsrc),
        PUBLISHER_EXTENSIONS);
  }

  /** Simulcast by RID, SSRCs to be learned: q, h, f. */
  static ProducerOptions simulcastByRid() {
    return new ProducerOptions(
        MediaKind.VIDEO,
        "1",
        "publisher-cname",
        List.of(new RtpCodec(VP8, "video/VP8", 90_000, VP8_RTX)),
        List.of(Encoding.ofRid("q"), Encoding.ofRid("h"), Encoding.ofRid("f")),
        PUBLISHER_EXTENSIONS);
  }

  /**
   * A VP8 payload: descriptor with 15-bit PictureID and TL0PICIDX, then a payload header whose P
   * bit says key frame or not, then filler.
   */
  static byte[] vp8(boolean keyframe, boolean start, int pictureId, int tl0, int size) {
    byte[] p = new byte[Math.max(size, 8)];
    p[0] = (byte) (0x80 | (start ? 0x10 : 0)); // X, S, PID 0
    p[1] = (byte) 0xC0; // I, L
    p[2] = (byte) (0x80 | (pictureId >>> 8));
    p[3] = (byte) pictureId;
    p[4] = (byte) tl0;
    p[5] = (byte) (keyframe ? 0x10 : 0x11); // size0/H/VER, P = 0 on a key frame
    for (int i = 6; i < p.length; i++) {
      p[i] = (byte) i;
    }
    return p;
  }

  /** A packet view over a buffer with room to spare, as a transport's receive buffer has. */
  static RtpPacket packet(RtpPacketBuilder builder) {
    byte[] buf = new byte[2048];
    int len = builder.writeTo(buf, 0);
    RtpPacket p = new RtpPacket();
    if (!p.wrap(buf, 0, len)) {
      throw new AssertionError("built a bad packet");
    }
    return p;
  }

  static RtpPacketBuilder rtp(long ssrc, int pt, int seq, long ts, byte[] payload) {
    return new RtpPacketBuilder()
        .ssrc(ssrc)
        .payloadType(pt)
        .sequenceNumber(seq)
        .timestamp(ts)
        .payload(payload);
  }

  /** Feeds one RTP packet to a transport as its packet thread would. */
  static void deliver(RouterTransport t, RtpPacketBuilder builder) {
    t.receiveRtp(packet(builder));
  }

  static void deliver(RouterTransport t, List<RtcpPacket> rtcp) {
    t.receiveRtcp(rtcp);
  }

  static Optional<byte[]> extension(RtpPacket p, int id) {
    var c = p.extensions();
    if (!c.find(id)) {
      return Optional.empty();
    }
    return Optional.of(
        Arrays.copyOfRange(p.buffer(), c.dataOffset(), c.dataOffset() + c.dataLength()));
  }

  static byte[] payload(RtpPacket p) {
    return Arrays.copyOfRange(p.buffer(), p.payloadOffset(), p.payloadOffset() + p.payloadLength());
  }

  /** A listener that records every call as text. */
  static final class EventLog implements RouterListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void consumerClosed(Consumer consumer, CloseReason reason) {
      events.add("consumer " + consumer.id() + " " + reason);
    }

    @Override
    public void producerClosed(Producer producer, CloseReason reason) {
      events.add("producer " + producer.id() + " " + reason);
    }

    @Override
    public void transportClosed(RouterTransport transport, CloseReason reason) {
      events.add("transport " + transport.id() + " " + reason);
    }

    @Override
    public void dominantSpeakerChanged(Optional<Producer> speaker) {
      events.add("speaker " + speaker.map(Producer::id).orElse("none"));
    }

    long count(String prefix) {
      return events.stream().filter(e -> e.startsWith(prefix)).count();
    }
  }
}
