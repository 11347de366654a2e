package dev.chorus.bench;

import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.rtp.RtpPacketBuilder;
import dev.chorus.media.srtp.SrtpKeyingMaterial;
import dev.chorus.media.srtp.SrtpProfile;
import dev.chorus.media.srtp.SrtpRole;
import dev.chorus.media.srtp.SrtpSession;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU cost of the SFU's forwarding path for one 1200-byte video packet, without the socket:
 * decrypt once (SRTP from the publisher), then per subscriber copy into a pooled buffer, rewrite
 * SSRC / sequence number / timestamp in place and encrypt. design.md's budget is 10 µs per
 * forwarded packet including the socket send (~3.7 µs on this machine).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ForwardingBenchmark {
  private static final int PAYLOAD = 1200 - 12 - 8;
  private static final int RING = 1 << 15;

  @Param({"SRTP_AES128_CM_HMAC_SHA1_80", "SRTP_AEAD_AES_128_GCM"})
  public String profile;

  @Param({"1", "5"})
  public int subscribers;

  private SrtpProfile srtpProfile;
  private byte[] material;
  private byte[][] ring;
  private int[] ringLength;
  private int next;
  private SrtpSession publisherSide;
  private SrtpSession[] subscriberSides;
  private final byte[] inbound = new byte[1500];
  private final byte[] outbound = new byte[1500];
  private final RtpPacket view = new RtpPacket();
  private final RtpPacket outView = new RtpPacket();
  private int outSeq;

  @Setup(Level.Trial)
  public void keys() {
    srtpProfile = SrtpProfile.valueOf(profile);
    material = new byte[srtpProfile.keyingMaterialLength()];
    new Random(1).nextBytes(material);
    var browser =
        SrtpSession.create(SrtpKeyingMaterial.split(srtpProfile, material), SrtpRole.CLIENT);
    // A ring of packets the "browser" encrypted with increasing sequence numbers: decrypting
    // them in order passes the replay check, as live traffic does.
    ring = new byte[RING][];
    ringLength = new int[RING];
    var payload = new byte[PAYLOAD];
    new Random(2).nextBytes(payload);
    for (int i = 0; i < RING; i++) {
      var packet =
          new RtpPacketBuilder()
              .payloadType(96)
              .sequenceNumber(i & 0xFFFF)
              .timestamp(3000L * i)
              .ssrc(0x11223344L)
              .payload(payload)
              .build();
      var buf = new byte[1500];
      System.arraycopy(packet, 0, buf, 0, packet.length);
      var result = browser.encryptRtp(buf, 0, packet.length);
      ring[i] = buf;
      ringLength[i] = result.length();
    }
    subscriberSides = new SrtpSession[subscribers];
    for (int i = 0; i < subscribers; i++) {
      var keys = new byte[srtpProfile.keyingMaterialLength()];
      new Random(10 + i).nextBytes(keys);
      subscriberSides[i] =
          SrtpSession.create(SrtpKeyingMaterial.split(srtpProfile, keys), SrtpRole.SERVER);
    }
    freshReceiver();
  }

  private void freshReceiver() {
    publisherSide =
        SrtpSession.create(SrtpKeyingMaterial.split(srtpProfile, material), SrtpRole.SERVER);
    next = 0;
  }

  /** One packet in from the publisher, out to every subscriber. */
  @Benchmark
  public int forward() {
    if (next == RING) {
      freshReceiver(); // a new replay window for the next pass over the ring
    }
    int len = ringLength[next];
    System.arraycopy(ring[next], 0, inbound, 0, len);
    next++;
    var plain = publisherSide.decryptRtp(inbound, 0, len);
    if (!plain.isOk() || !view.wrap(inbound, 0, plain.length())) {
      throw new IllegalStateException("decrypt failed: " + plain);
    }
    int sent = 0;
    outSeq++;
    for (int i = 0; i < subscribers; i++) {
      System.arraycopy(inbound, 0, outbound, 0, plain.length());
      outView.wrap(outbound, 0, plain.length());
      outView.setSsrc(0x55667700L + i);
      outView.setSequenceNumber(outSeq & 0xFFFF);
      outView.setTimestamp(90L * outSeq);
      sent += subscriberSides[i].encryptRtp(outbound, 0, plain.length()).length();
    }
    return sent;
  }

  /** Only the decryption of one incoming packet, the part shared by all subscribers. */
  @Benchmark
  public int decryptOnly() {
    if (next == RING) {
      freshReceiver();
    }
    int len = ringLength[next];
    System.arraycopy(ring[next], 0, inbound, 0, len);
    next++;
    return publisherSide.decryptRtp(inbound, 0, len).length();
  }
}
