package dev.chorus.media.srtp;

import static dev.chorus.media.srtp.SrtpTestPackets.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A "server" session (Chorus) and its mirror "client" (a browser) talking both ways. */
class SrtpSessionRoundTripTest {
  private static final int SSRC = 0x0badcafe;

  private SrtpSession server;
  private SrtpSession client;

  private void open(SrtpProfile profile) {
    SrtpKeyingMaterial keys = SrtpTestPackets.keys(profile, 42);
    server = SrtpSession.create(keys, SrtpRole.SERVER);
    client = SrtpSession.create(keys, SrtpRole.CLIENT);
  }

  @AfterEach
  void close() {
    server.close();
    client.close();
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void rtpRoundTripsBothWaysAtAnOffset(SrtpProfile profile) {
    open(profile);
    byte[] rtp = SrtpTestPackets.rtp(SSRC, 1000, 3, 2, 1200);

    assertRtpRoundTrip(server, client, rtp, 7);
    assertRtpRoundTrip(client, server, rtp, 0);
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void rtcpRoundTripsBothWays(SrtpProfile profile) {
    open(profile);
    byte[] rtcp = SrtpTestPackets.rtcp(SSRC);

    for (int i = 0; i < 3; i++) {
      assertRtcpRoundTrip(server, client, rtcp, 3);
      assertRtcpRoundTrip(client, server, rtcp, 0);
    }
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void eachSideReadsOnlyThePeersKeys(SrtpProfile profile) {
    open(profile);
    byte[] rtp = SrtpTestPackets.rtp(SSRC, 1);
    byte[] buffer = SrtpTestPackets.placed(rtp, 0);
    int length = server.encryptRtp(buffer, 0, rtp.length).length();

    assertEquals(SrtpStatus.AUTH_FAILED, server.decryptRtp(buffer, 0, length).status());
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void anyTamperedByteFailsAuthentication(SrtpProfile profile) {
    open(profile);
    byte[] rtp = SrtpTestPackets.rtp(SSRC, 500, 1, 1, 100);
    byte[] sealed = sealRtp(server, rtp);
    // Header, payload and tag bytes; the SSRC byte sends it to a fresh (unauthenticated) context.
    int[] positions = {1, 3, 9, 20, rtp.length - 1, rtp.length, sealed.length - 1};
    for (int position : positions) {
      byte[] tampered = sealed.clone();
      tampered[position] ^= 0x40;
      assertEquals(
          SrtpStatus.AUTH_FAILED,
          client.decryptRtp(tampered, 0, tampered.length).status(),
          "byte " + position);
    }
    assertEquals(0, client.inboundRtpSsrcCount());
    assertEquals(SrtpStatus.OK, client.decryptRtp(sealed, 0, sealed.length).status());

    byte[] rtcp = SrtpTestPackets.rtcp(SSRC);
    byte[] sealedRtcp = sealRtcp(server, rtcp);
    for (int position : new int[] {1, 6, 12, rtcp.length + 2, sealedRtcp.length - 1}) {
      byte[] tampered = sealedRtcp.clone();
      tampered[position] ^= 0x01;
      assertEquals(
          SrtpStatus.AUTH_FAILED,
          client.decryptRtcp(tampered, 0, tampered.length).status(),
          "RTCP byte " + position);
    }
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void replayedPacketsAreRejected(SrtpProfile profile) {
    open(profile);
    byte[] sealed = sealRtp(server, SrtpTestPackets.rtp(SSRC, 10));
    byte[] sealedRtcp = sealRtcp(server, SrtpTestPackets.rtcp(SSRC));

    assertEquals(SrtpStatus.OK, client.decryptRtp(sealed.clone(), 0, sealed.length).status());
    assertEquals(SrtpStatus.REPLAYED, client.decryptRtp(sealed.clone(), 0, sealed.length).status());
    assertEquals(
        SrtpStatus.OK, client.decryptRtcp(sealedRtcp.clone(), 0, sealedRtcp.length).status());
    assertEquals(
        SrtpStatus.REPLAYED, client.decryptRtcp(sealedRtcp.clone(), 0, sealedRtcp.length).status());
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void reorderingWithinTheWindowIsAcceptedAndFarBehindIsNot(SrtpProfile profile) {
    open(profile);
    byte[][] sealed = new byte[200][];
    for (int seq = 0; seq < sealed.length; seq++) {
      sealed[seq] = sealRtp(server, SrtpTestPackets.rtp(SSRC, seq));
    }
    for (int seq : new int[] {5, 3, 4, 199, 150}) {
      assertEquals(SrtpStatus.OK, decrypt(client, sealed[seq]), "seq " + seq);
    }
    assertEquals(SrtpStatus.TOO_OLD, decrypt(client, sealed[100]));
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void sequenceNumbersWrappingPast65535KeepDecrypting(SrtpProfile profile) {
    open(profile);
    byte[] wrapped = null;
    for (int i = 0; i < 40; i++) {
      int seq = (65520 + i) & 0xffff;
      byte[] rtp = SrtpTestPackets.rtp(SSRC, seq);
      byte[] sealed = sealRtp(server, rtp);
      byte[] opened = sealed.clone();
      SrtpResult result = client.decryptRtp(opened, 0, opened.length);
      assertEquals(SrtpResult.ok(rtp.length), result, "seq " + seq);
      assertEquals(hex(rtp, 0, rtp.length), hex(opened, 0, rtp.length));
      if (seq == 5) {
        wrapped = sealed;
      }
    }
    // A receiver that never saw the wrap assumes rollover counter 0, so the packet that was
    // protected with counter 1 does not verify: proof the counter really is in the protection.
    SrtpKeyingMaterial keys = SrtpTestPackets.keys(profile, 42);
    try (SrtpSession fresh = SrtpSession.create(keys, SrtpRole.CLIENT)) {
      assertEquals(SrtpStatus.AUTH_FAILED, decrypt(fresh, wrapped));
    }
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void everySsrcHasItsOwnReplayState(SrtpProfile profile) {
    open(profile);
    for (int ssrc = 1; ssrc <= 5; ssrc++) {
      assertEquals(SrtpStatus.OK, decrypt(client, sealRtp(server, SrtpTestPackets.rtp(ssrc, 7))));
    }
    assertEquals(5, client.inboundRtpSsrcCount());
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void retransmittingTheSamePacketEncryptsIdentically(SrtpProfile profile) {
    open(profile);
    byte[] rtp = SrtpTestPackets.rtp(SSRC, 77);
    byte[] first = sealRtp(server, rtp);
    sealRtp(server, SrtpTestPackets.rtp(SSRC, 78));

    assertEquals(hex(first, 0, first.length), hex(sealRtp(server, rtp), 0, first.length));
  }

  private static SrtpStatus decrypt(SrtpSession receiver, byte[] sealed) {
    byte[] copy = sealed.clone();
    return receiver.decryptRtp(copy, 0, copy.length).status();
  }

  private static byte[] sealRtp(SrtpSession sender, byte[] rtp) {
    byte[] buffer = SrtpTestPackets.placed(rtp, 0);
    SrtpResult result = sender.encryptRtp(buffer, 0, rtp.length);
    assertEquals(SrtpResult.ok(rtp.length + sender.profile().rtpOverhead()), result);
    return Arrays.copyOf(buffer, result.length());
  }

  private static byte[] sealRtcp(SrtpSession sender, byte[] rtcp) {
    byte[] buffer = SrtpTestPackets.placed(rtcp, 0);
    SrtpResult result = sender.encryptRtcp(buffer, 0, rtcp.length);
    assertEquals(SrtpResult.ok(rtcp.length + sender.profile().rtcpOverhead()), result);
    return Arrays.copyOf(buffer, result.length());
  }

  private static void assertRtpRoundTrip(
      SrtpSession sender, SrtpSession receiver, byte[] rtp, int offset) {
    byte[] buffer = SrtpTestPackets.placed(rtp, offset);
    SrtpResult sealed = sender.encryptRtp(buffer, offset, rtp.length);
    assertEquals(SrtpResult.ok(rtp.length + sender.profile().rtpOverhead()), sealed);
    assertNotEquals(hex(rtp, 0, rtp.length), hex(buffer, offset, rtp.length));

    SrtpResult opened = receiver.decryptRtp(buffer, offset, sealed.length());
    assertEquals(SrtpResult.ok(rtp.length), opened);
    assertEquals(hex(rtp, 0, rtp.length), hex(buffer, offset, rtp.length));
  }

  private static void assertRtcpRoundTrip(
      SrtpSession sender, SrtpSession receiver, byte[] rtcp, int offset) {
    byte[] buffer = SrtpTestPackets.placed(rtcp, offset);
    SrtpResult sealed = sender.encryptRtcp(buffer, offset, rtcp.length);
    assertEquals(SrtpResult.ok(rtcp.length + sender.profile().rtcpOverhead()), sealed);
    assertNotEquals(hex(rtcp, 8, rtcp.length - 8), hex(buffer, offset + 8, rtcp.length - 8));

    SrtpResult opened = receiver.decryptRtcp(buffer, offset, sealed.length());
    assertEquals(SrtpResult.ok(rtcp.length), opened);
    assertEquals(hex(rtcp, 0, rtcp.length), hex(buffer, offset, rtcp.length));
  }
}
