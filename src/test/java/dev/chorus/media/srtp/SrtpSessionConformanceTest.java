package dev.chorus.media.srtp;

import static dev.chorus.media.srtp.SrtpTestPackets.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The session's packets equal, byte for byte, those of {@link ReferenceSrtp} (the RFC rules on the
 * JDK's own AES/HMAC, itself checked against the RFC vectors), and the session opens packets the
 * reference built. This covers what the RFC vectors cannot reach through the API: GCM and SRTCP key
 * derivation from a master key, SRTCP index and E flag placement, and the RFC 5764 key split with
 * the server writing with the server keys.
 */
class SrtpSessionConformanceTest {
  private static final int SSRC = 0x11223344;

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void serverRtpMatchesReferenceAcrossRollover(SrtpProfile profile) {
    SrtpKeyingMaterial keys = SrtpTestPackets.keys(profile, 7);
    ReferenceSrtp.SessionKeys reference =
        ReferenceSrtp.rtpKeys(profile, keys.serverWriteKey(), keys.serverWriteSalt());
    try (SrtpSession server = SrtpSession.create(keys, SrtpRole.SERVER)) {
      int[][] seqAndRoc = {{65533, 0}, {65535, 0}, {2, 1}, {3, 1}};
      for (int[] step : seqAndRoc) {
        byte[] rtp = SrtpTestPackets.rtp(SSRC, step[0], 2, 2, 200);
        int headerLength = 12 + 8 + 4 + 8;
        byte[] buffer = SrtpTestPackets.placed(rtp, 5);

        SrtpResult result = server.encryptRtp(buffer, 5, rtp.length);

        byte[] expected =
            profile.isAead()
                ? ReferenceSrtp.protectRtpGcm(reference, rtp, headerLength, step[1])
                : ReferenceSrtp.protectRtpCm(
                    reference, rtp, headerLength, step[1], profile.authTagLength());
        assertEquals(SrtpResult.ok(expected.length), result);
        assertEquals(hex(expected, 0, expected.length), hex(buffer, 5, result.length()));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void serverRtcpMatchesReferenceWithIncreasingIndex(SrtpProfile profile) {
    SrtpKeyingMaterial keys = SrtpTestPackets.keys(profile, 8);
    ReferenceSrtp.SessionKeys reference =
        ReferenceSrtp.rtcpKeys(profile, keys.serverWriteKey(), keys.serverWriteSalt());
    try (SrtpSession server = SrtpSession.create(keys, SrtpRole.SERVER)) {
      for (int index = 0; index < 3; index++) {
        byte[] rtcp = SrtpTestPackets.rtcp(SSRC);
        byte[] buffer = SrtpTestPackets.placed(rtcp, 0);

        SrtpResult result = server.encryptRtcp(buffer, 0, rtcp.length);

        byte[] expected =
            profile.isAead()
                ? ReferenceSrtp.protectRtcpGcm(reference, rtcp, index)
                : ReferenceSrtp.protectRtcpCm(reference, rtcp, index, profile.authTagLength());
        assertEquals(SrtpResult.ok(expected.length), result);
        assertEquals(hex(expected, 0, expected.length), hex(buffer, 0, result.length()));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void serverOpensWhatTheReferenceClientSealed(SrtpProfile profile) {
    SrtpKeyingMaterial keys = SrtpTestPackets.keys(profile, 9);
    ReferenceSrtp.SessionKeys rtpKeys =
        ReferenceSrtp.rtpKeys(profile, keys.clientWriteKey(), keys.clientWriteSalt());
    ReferenceSrtp.SessionKeys rtcpKeys =
        ReferenceSrtp.rtcpKeys(profile, keys.clientWriteKey(), keys.clientWriteSalt());
    byte[] rtp = SrtpTestPackets.rtp(SSRC, 4242);
    byte[] rtcp = SrtpTestPackets.rtcp(SSRC);
    byte[] srtp =
        profile.isAead()
            ? ReferenceSrtp.protectRtpGcm(rtpKeys, rtp, 12, 0)
            : ReferenceSrtp.protectRtpCm(rtpKeys, rtp, 12, 0, profile.authTagLength());
    byte[] srtcp =
        profile.isAead()
            ? ReferenceSrtp.protectRtcpGcm(rtcpKeys, rtcp, 77)
            : ReferenceSrtp.protectRtcpCm(rtcpKeys, rtcp, 77, profile.authTagLength());

    try (SrtpSession server = SrtpSession.create(keys, SrtpRole.SERVER)) {
      SrtpResult rtpResult = server.decryptRtp(srtp, 0, srtp.length);
      SrtpResult rtcpResult = server.decryptRtcp(srtcp, 0, srtcp.length);

      assertEquals(SrtpResult.ok(rtp.length), rtpResult);
      assertEquals(hex(rtp, 0, rtp.length), hex(srtp, 0, rtp.length));
      assertEquals(SrtpResult.ok(rtcp.length), rtcpResult);
      assertEquals(hex(rtcp, 0, rtcp.length), hex(srtcp, 0, rtcp.length));
    }
  }
}
