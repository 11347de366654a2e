package dev.chorus.media.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Hostile and careless input: nothing throws, nothing leaks state, limits hold. */
class SrtpSessionRobustnessTest {
  private static final Set<SrtpStatus> DECRYPT_FAILURES =
      Set.of(
          SrtpStatus.MALFORMED,
          SrtpStatus.AUTH_FAILED,
          SrtpStatus.UNSUPPORTED,
          SrtpStatus.REPLAYED,
          SrtpStatus.TOO_OLD);

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void randomBytesAreRejectedWithoutThrowingOrKeepingState(SrtpProfile profile) {
    Random random = new Random(1234);
    try (SrtpSession session =
        SrtpSession.create(SrtpTestPackets.keys(profile, 1), SrtpRole.SERVER)) {
      for (int i = 0; i < 5000; i++) {
        byte[] garbage = new byte[random.nextInt(1500)];
        random.nextBytes(garbage);
        if (garbage.length > 0 && random.nextBoolean()) {
          // Version 2 so the packet gets past the header check and into jitsi-srtp.
          garbage[0] = (byte) (0x80 | (garbage[0] & 0x3f));
        }
        int offset = garbage.length == 0 ? 0 : random.nextInt(Math.min(garbage.length, 8));
        int length = garbage.length - offset;

        SrtpStatus rtp = session.decryptRtp(garbage.clone(), offset, length).status();
        SrtpStatus rtcp = session.decryptRtcp(garbage.clone(), offset, length).status();

        assertTrue(DECRYPT_FAILURES.contains(rtp), "RTP " + rtp + " for input " + i);
        assertTrue(DECRYPT_FAILURES.contains(rtcp), "RTCP " + rtcp + " for input " + i);
        session.encryptRtp(garbage.clone(), offset, length);
        session.encryptRtcp(garbage.clone(), offset, length);
      }
      assertEquals(0, session.inboundRtpSsrcCount());
      assertEquals(0, session.inboundRtcpSsrcCount());
    }
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void everyTruncationFailsAndLeavesTheStreamIntact(SrtpProfile profile) {
    SrtpKeyingMaterial keys = SrtpTestPackets.keys(profile, 2);
    try (SrtpSession server = SrtpSession.create(keys, SrtpRole.SERVER);
        SrtpSession client = SrtpSession.create(keys, SrtpRole.CLIENT)) {
      byte[] rtp = SrtpTestPackets.rtp(99, 1, 2, 3, 50);
      byte[] sealedRtp = SrtpTestPackets.placed(rtp, 0);
      int rtpLength = server.encryptRtp(sealedRtp, 0, rtp.length).length();
      byte[] rtcp = SrtpTestPackets.rtcp(99);
      byte[] sealedRtcp = SrtpTestPackets.placed(rtcp, 0);
      int rtcpLength = server.encryptRtcp(sealedRtcp, 0, rtcp.length).length();

      for (int cut = 0; cut < rtpLength; cut++) {
        SrtpStatus status = client.decryptRtp(sealedRtp.clone(), 0, cut).status();
        assertTrue(DECRYPT_FAILURES.contains(status), "RTP cut at " + cut + ": " + status);
      }
      for (int cut = 0; cut < rtcpLength; cut++) {
        SrtpStatus status = client.decryptRtcp(sealedRtcp.clone(), 0, cut).status();
        assertTrue(DECRYPT_FAILURES.contains(status), "RTCP cut at " + cut + ": " + status);
      }

      assertEquals(SrtpResult.ok(rtp.length), client.decryptRtp(sealedRtp, 0, rtpLength));
      assertEquals(SrtpResult.ok(rtcp.length), client.decryptRtcp(sealedRtcp, 0, rtcpLength));
    }
  }

  @Test
  void badRangesAreMalformed() {
    SrtpKeyingMaterial keys = SrtpTestPackets.keys(SrtpProfile.SRTP_AEAD_AES_128_GCM, 3);
    try (SrtpSession session = SrtpSession.create(keys, SrtpRole.SERVER)) {
      byte[] buf = SrtpTestPackets.placed(SrtpTestPackets.rtp(1, 1), 0);
      int[][] ranges = {
        {-1, 10}, {0, -1}, {0, buf.length + 1}, {5, Integer.MAX_VALUE}, {buf.length, 1}
      };
      for (int[] range : ranges) {
        String what = Arrays.toString(range);
        assertEquals(
            SrtpStatus.MALFORMED, session.encryptRtp(buf, range[0], range[1]).status(), what);
        assertEquals(
            SrtpStatus.MALFORMED, session.decryptRtp(buf, range[0], range[1]).status(), what);
        assertEquals(
            SrtpStatus.MALFORMED, session.encryptRtcp(buf, range[0], range[1]).status(), what);
        assertEquals(
            SrtpStatus.MALFORMED, session.decryptRtcp(buf, range[0], range[1]).status(), what);
      }
      assertEquals(SrtpStatus.MALFORMED, session.decryptRtp(null, 0, 0).status());
      assertEquals(SrtpStatus.MALFORMED, session.encryptRtcp(null, 0, 0).status());
    }
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void encryptingNeedsRoomForTheTag(SrtpProfile profile) {
    try (SrtpSession session =
        SrtpSession.create(SrtpTestPackets.keys(profile, 4), SrtpRole.SERVER)) {
      byte[] rtp = SrtpTestPackets.rtp(5, 5);
      byte[] tight = Arrays.copyOf(rtp, rtp.length + profile.rtpOverhead() - 1);
      byte[] exact = Arrays.copyOf(rtp, rtp.length + profile.rtpOverhead());
      byte[] rtcp = SrtpTestPackets.rtcp(5);
      byte[] tightRtcp = Arrays.copyOf(rtcp, rtcp.length + profile.rtcpOverhead() - 1);
      byte[] exactRtcp = Arrays.copyOf(rtcp, rtcp.length + profile.rtcpOverhead());

      assertEquals(SrtpStatus.BUFFER_TOO_SMALL, session.encryptRtp(tight, 0, rtp.length).status());
      assertEquals(
          SrtpStatus.BUFFER_TOO_SMALL, session.encryptRtcp(tightRtcp, 0, rtcp.length).status());
      assertEquals(SrtpResult.ok(exact.length), session.encryptRtp(exact, 0, rtp.length));
      assertEquals(SrtpResult.ok(exactRtcp.length), session.encryptRtcp(exactRtcp, 0, rtcp.length));
    }
  }

  @Test
  void headersThatRunPastThePacketAreNotEncrypted() {
    SrtpKeyingMaterial keys = SrtpTestPackets.keys(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80, 5);
    try (SrtpSession session = SrtpSession.create(keys, SrtpRole.SERVER)) {
      byte[] version0 = SrtpTestPackets.placed(SrtpTestPackets.rtp(1, 1), 0);
      version0[0] = 0x00;
      byte[] tooManyCsrcs = SrtpTestPackets.placed(SrtpTestPackets.rtp(1, 1, 0, 0, 20), 0);
      tooManyCsrcs[0] = (byte) 0x8f;
      byte[] longExtension = SrtpTestPackets.placed(SrtpTestPackets.rtp(1, 1, 0, 1, 20), 0);
      longExtension[15] = 100;

      assertEquals(SrtpStatus.MALFORMED, session.encryptRtp(version0, 0, 172).status());
      assertEquals(SrtpStatus.MALFORMED, session.encryptRtp(tooManyCsrcs, 0, 32).status());
      assertEquals(SrtpStatus.MALFORMED, session.encryptRtp(longExtension, 0, 40).status());
      assertEquals(SrtpStatus.MALFORMED, session.encryptRtcp(version0, 0, 7).status());
    }
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void forgedPacketsFromManySsrcsCreateNoContexts(SrtpProfile profile) {
    try (SrtpSession attacker =
            SrtpSession.create(SrtpTestPackets.keys(profile, 666), SrtpRole.CLIENT);
        SrtpSession server =
            SrtpSession.create(SrtpTestPackets.keys(profile, 6), SrtpRole.SERVER)) {
      for (int ssrc = 0; ssrc < 500; ssrc++) {
        byte[] rtp = SrtpTestPackets.rtp(ssrc, 1);
        byte[] buf = SrtpTestPackets.placed(rtp, 0);
        int length = attacker.encryptRtp(buf, 0, rtp.length).length();
        assertEquals(SrtpStatus.AUTH_FAILED, server.decryptRtp(buf, 0, length).status());

        byte[] rtcp = SrtpTestPackets.rtcp(ssrc);
        byte[] rtcpBuf = SrtpTestPackets.placed(rtcp, 0);
        int rtcpLength = attacker.encryptRtcp(rtcpBuf, 0, rtcp.length).length();
        assertEquals(SrtpStatus.AUTH_FAILED, server.decryptRtcp(rtcpBuf, 0, rtcpLength).status());
      }
      assertEquals(0, server.inboundRtpSsrcCount());
      assertEquals(0, server.inboundRtcpSsrcCount());
    }
  }

  /**
   * Forged first packets (far-off sequence numbers, many SSRCs) must not disturb the state a
   * genuine stream starts from: each genuine SSRC then decrypts, rejects replays and keeps going.
   */
  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void forgedFirstPacketsDoNotPoisonGenuineStreams(SrtpProfile profile) {
    SrtpKeyingMaterial keys = SrtpTestPackets.keys(profile, 11);
    try (SrtpSession attacker =
            SrtpSession.create(SrtpTestPackets.keys(profile, 666), SrtpRole.CLIENT);
        SrtpSession client = SrtpSession.create(keys, SrtpRole.CLIENT);
        SrtpSession server = SrtpSession.create(keys, SrtpRole.SERVER)) {
      for (int seq = 0; seq < 3; seq++) {
        for (int ssrc = 1; ssrc <= 3; ssrc++) {
          // First round: the SSRC the genuine stream is about to use; later: never-seen SSRCs.
          int forgedSsrc = seq == 0 ? ssrc : 1000 + 10 * seq + ssrc;
          byte[] forged = seal(attacker, SrtpTestPackets.rtp(forgedSsrc, 40000 + seq));
          assertEquals(SrtpStatus.AUTH_FAILED, open(server, forged));
          byte[] forgedRtcp = sealRtcp(attacker, SrtpTestPackets.rtcp(forgedSsrc));
          assertEquals(
              SrtpStatus.AUTH_FAILED,
              server.decryptRtcp(forgedRtcp, 0, forgedRtcp.length).status());

          byte[] genuine = seal(client, SrtpTestPackets.rtp(ssrc, seq));
          assertEquals(
              SrtpStatus.OK, open(server, genuine.clone()), "ssrc " + ssrc + " seq " + seq);
          assertEquals(SrtpStatus.REPLAYED, open(server, genuine), "ssrc " + ssrc + " seq " + seq);
          byte[] genuineRtcp = sealRtcp(client, SrtpTestPackets.rtcp(ssrc));
          assertEquals(
              SrtpStatus.OK, server.decryptRtcp(genuineRtcp, 0, genuineRtcp.length).status());
        }
      }
      assertEquals(3, server.inboundRtpSsrcCount());
      assertEquals(3, server.inboundRtcpSsrcCount());
    }
  }

  private static byte[] seal(SrtpSession sender, byte[] rtp) {
    byte[] buf = SrtpTestPackets.placed(rtp, 0);
    return Arrays.copyOf(buf, sender.encryptRtp(buf, 0, rtp.length).length());
  }

  private static byte[] sealRtcp(SrtpSession sender, byte[] rtcp) {
    byte[] buf = SrtpTestPackets.placed(rtcp, 0);
    return Arrays.copyOf(buf, sender.encryptRtcp(buf, 0, rtcp.length).length());
  }

  private static SrtpStatus open(SrtpSession receiver, byte[] sealed) {
    return receiver.decryptRtp(sealed, 0, sealed.length).status();
  }

  @Test
  void authenticatedSsrcsAreCappedAndCanBeForgotten() {
    SrtpKeyingMaterial keys = SrtpTestPackets.keys(SrtpProfile.SRTP_AEAD_AES_128_GCM, 7);
    try (SrtpSession client = SrtpSession.create(keys, SrtpRole.CLIENT);
        SrtpSession server = SrtpSession.create(keys, SrtpRole.SERVER, 2, 8)) {
      for (int ssrc = 1; ssrc <= 3; ssrc++) {
        byte[] rtp = SrtpTestPackets.rtp(ssrc, 1);
        byte[] buf = SrtpTestPackets.placed(rtp, 0);
        int length = client.encryptRtp(buf, 0, rtp.length).length();
        assertEquals(SrtpStatus.OK, server.decryptRtp(buf, 0, length).status());
      }
      assertEquals(2, server.inboundRtpSsrcCount());

      server.forgetSsrc(3);
      assertEquals(1, server.inboundRtpSsrcCount());
    }
  }

  @Test
  void unencryptedSrtcpUnderGcmIsRefused() {
    SrtpKeyingMaterial keys = SrtpTestPackets.keys(SrtpProfile.SRTP_AEAD_AES_128_GCM, 8);
    try (SrtpSession client = SrtpSession.create(keys, SrtpRole.CLIENT);
        SrtpSession server = SrtpSession.create(keys, SrtpRole.SERVER)) {
      byte[] rtcp = SrtpTestPackets.rtcp(9);
      byte[] buf = SrtpTestPackets.placed(rtcp, 0);
      int length = client.encryptRtcp(buf, 0, rtcp.length).length();
      buf[length - 4] &= 0x7f;

      assertEquals(SrtpStatus.UNSUPPORTED, server.decryptRtcp(buf, 0, length).status());
    }
  }

  @Test
  void aClosedSessionRefusesEverything() {
    SrtpKeyingMaterial keys = SrtpTestPackets.keys(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80, 9);
    SrtpSession session = SrtpSession.create(keys, SrtpRole.SERVER);
    byte[] rtp = SrtpTestPackets.placed(SrtpTestPackets.rtp(1, 1), 0);
    assertEquals(SrtpStatus.OK, session.encryptRtp(rtp.clone(), 0, 172).status());

    session.close();
    session.close();

    assertEquals(SrtpStatus.CLOSED, session.encryptRtp(rtp.clone(), 0, 172).status());
    assertEquals(SrtpStatus.CLOSED, session.decryptRtp(rtp.clone(), 0, 182).status());
    assertEquals(SrtpStatus.CLOSED, session.encryptRtcp(rtp.clone(), 0, 32).status());
    assertEquals(SrtpStatus.CLOSED, session.decryptRtcp(rtp.clone(), 0, 46).status());
  }

  /** Several sender threads (one SSRC each) through one session; every packet opens afterwards. */
  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void concurrentSendersProduceValidPackets(SrtpProfile profile) throws Exception {
    SrtpKeyingMaterial keys = SrtpTestPackets.keys(profile, 10);
    int threads = 4;
    int packets = 300;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (SrtpSession server = SrtpSession.create(keys, SrtpRole.SERVER);
        SrtpSession client = SrtpSession.create(keys, SrtpRole.CLIENT)) {
      List<Future<List<byte[]>>> sent = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int ssrc = 1000 + t;
        sent.add(
            pool.submit(
                () -> {
                  List<byte[]> out = new ArrayList<>();
                  for (int seq = 0; seq < packets; seq++) {
                    byte[] rtp = SrtpTestPackets.rtp(ssrc, seq);
                    byte[] buf = SrtpTestPackets.placed(rtp, 0);
                    int length = server.encryptRtp(buf, 0, rtp.length).length();
                    out.add(Arrays.copyOf(buf, length));
                  }
                  return out;
                }));
      }
      for (int t = 0; t < threads; t++) {
        List<byte[]> sealed = sent.get(t).get();
        for (int seq = 0; seq < packets; seq++) {
          byte[] packet = sealed.get(seq);
          SrtpResult result = client.decryptRtp(packet, 0, packet.length);
          assertEquals(SrtpStatus.OK, result.status(), "thread " + t + " seq " + seq);
          assertNotEquals(-1, result.length());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
