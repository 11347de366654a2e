package dev.chorus.bench.load;

import dev.chorus.media.rtp.DatagramDemux;
import dev.chorus.media.rtp.RtpPacket;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A tab's receive transport: {@code room.media.subscribe}, every {@code room.media.offer} answered
 * receive-only, ICE/DTLS on the first, then SRTP in. Per RTP SSRC it checks the rewritten sequence
 * numbers (gaps, reordered or repeated packets); per publisher stream it keeps which {@link Stamp}
 * counts arrived, so a window's receive ratio is exact; each packet's latency goes to its receive
 * loop's histogram. Receiver reports go back once a second.
 */
final class ReceiveOnlySubscriber implements ReceiveLoop.Handler {
  final String name;
  final MediaPeer peer;
  private final ReceiveLoop loop;
  private final Executor signalling;
  private final long ssrc;
  private Signal.Socket socket;
  private String roomId;
  private volatile boolean connected;
  final CompletableFuture<Void> firstConnected = new CompletableFuture<>();
  private final RtpPacket rtp = new RtpPacket();
  private final Map<Long, int[]> sequences = new HashMap<>(); // ssrc -> {last, highest, received}
  private final Map<Integer, BitSet> arrived = new HashMap<>();
  volatile long rtpPackets;
  volatile long rtcpPackets;
  volatile long videoPackets;
  volatile long undecryptable;
  volatile long seqGaps;
  volatile long seqDisorder;
  volatile long offersAnswered;
  private final Object answering = new Object();

  /**
   * Set when its run ends: the offers the server sends while everyone leaves are not answered. They
   * would wait for replies on closing sockets and hold the shared answer threads, so the next run's
   * first subscribers' offers went unanswered until the server ended their transports.
   */
  volatile boolean closing;
  private final byte[] rr = new byte[8 + 31 * 24];

  ReceiveOnlySubscriber(String name, MediaPeer peer, ReceiveLoop loop, Executor signalling) {
    this.name = name;
    this.peer = peer;
    this.loop = loop;
    this.signalling = signalling;
    this.ssrc = name.hashCode() & 0xFFFFFFFFL;
  }

  /** Subscribes on {@code socket} (already in the room); offers are answered from now on. */
  void subscribe(Signal.Socket socket, String roomId) throws Exception {
    this.socket = socket;
    this.roomId = roomId;
    socket.onOffer(offer -> signalling.execute(() -> answer(offer)));
    socket.expectReply("room.media.subscribe", roomId, "", "room.media.subscribed");
  }

  /**
   * Answers one offer. Serialized on its own lock, not on this object's monitor: an answer waits
   * for the server's ack (the first one also for ICE and DTLS), and the receive loop and the report
   * timer (which also sends every peer's consent checks) must never wait behind that. They did, and
   * the server then expired every subscriber's consent at once under load.
   */
  private void answer(String offer) {
    synchronized (answering) {
      if (!closing) {
        answerNow(offer);
      }
    }
  }

  private void answerNow(String offer) {
    try {
      var sdp = Signal.field(offer, "sdp");
      var version = Signal.field(offer, "version");
      socket.expectReply(
          "room.media.answer",
          roomId,
          ",\"version\":" + version + ",\"sdp\":" + Signal.quote(Sdp.answer(sdp, peer)),
          "ack");
      offersAnswered++;
      if (!connected) {
        peer.connect(Sdp.Remote.parse(sdp), Duration.ofSeconds(30));
        connected = true;
        loop.add(this);
        firstConnected.complete(null);
      }
    } catch (Exception e) {
      firstConnected.completeExceptionally(e);
    }
  }

  @Override
  public MediaPeer peer() {
    return peer;
  }

  @Override
  public void onDatagram(byte[] buf, int len, long receivedNanos) {
    switch (DatagramDemux.classify(buf, 0, len)) {
      case RTP -> onRtp(buf, len, receivedNanos);
      case RTCP -> {
        if (peer.decryptRtcp(buf, len) > 0) {
          rtcpPackets++;
        }
      }
      case STUN -> peer.consentAnswered();
      default -> {
        // DTLS retransmissions after the handshake: nothing to do
      }
    }
  }

  private void onRtp(byte[] buf, int len, long receivedNanos) {
    int n = peer.decryptRtp(buf, len);
    if (n < 0 || !rtp.wrap(buf, 0, n)) {
      undecryptable++;
      return;
    }
    rtpPackets++;
    int at = rtp.payloadOffset() + rtp.payloadLength() - Stamp.LENGTH;
    if (rtp.payloadLength() < Stamp.LENGTH || !Stamp.valid(Stamp.stream(buf, at))) {
      return; // RTX, padding or a probe: not a media packet of ours
    }
    int stream = Stamp.stream(buf, at);
    if (!Stamp.isAudio(stream)) {
      videoPackets++;
    }
    loop.latency.record(receivedNanos - Stamp.sentNanos(buf, at));
    synchronized (this) {
      arrived.computeIfAbsent(stream, s -> new BitSet()).set(Stamp.count(buf, at));
      var s = sequences.get(rtp.ssrc());
      int seq = rtp.sequenceNumber();
      if (s == null) {
        sequences.put(rtp.ssrc(), new int[] {seq, seq, 1});
        return;
      }
      int d = (seq - s[0]) & 0xFFFF;
      if (d == 1) {
        s[0] = seq;
      } else if (d > 1 && d < 3000) {
        seqGaps += d - 1;
        s[0] = seq;
      } else {
        seqDisorder++;
      }
      s[1] = s[0];
      s[2]++;
    }
  }

  /** Stamp counts of {@code stream} that arrived in [from, to). */
  synchronized int arrivedIn(int stream, long from, long to) {
    var set = arrived.get(stream);
    return set == null ? 0 : set.get((int) from, (int) to).cardinality();
  }

  /** A receiver report with one block per SSRC received. */
  void sendReport() {
    if (!connected) {
      return;
    }
    var blocks = new ArrayList<Rtcp.Block>();
    synchronized (this) {
      for (var e : sequences.entrySet()) {
        blocks.add(new Rtcp.Block(e.getKey(), 0, e.getValue()[1]));
      }
    }
    try {
      peer.sendRtcp(rr, Rtcp.receiverReport(rr, ssrc, blocks));
    } catch (IOException e) {
      // the transport is going away
    }
  }

  void sendConsent() {
    if (connected) {
      try {
        peer.sendConsent();
      } catch (IOException e) {
        // the transport is going away
      }
    }
  }

  void close() {
    peer.close();
  }
}
