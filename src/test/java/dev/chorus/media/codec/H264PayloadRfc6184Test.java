package dev.chorus.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * H.264 key frame detection over the RTP packetizations of RFC 6184: single NAL unit packets
 * (§5.6), STAP-A aggregation packets (§5.7.1) and FU-A fragments (§5.8). The first byte of each NAL
 * unit is F|NRI|type (§1.3): the type is its low five bits, whatever the NRI.
 */
class H264PayloadRfc6184Test {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          §5.6 single NAL: IDR slice (type 5)                       | 65 88 84 00          | true
          §5.6 single NAL: IDR slice with NRI 1                     | 25 88 84             | true
          §5.6 single NAL: SPS (type 7), sent before an IDR         | 67 42 e0 1f          | true
          §5.6 single NAL: non-IDR slice (type 1)                   | 41 9a 02             | false
          §5.6 single NAL: PPS alone (type 8)                       | 68 ce 3c 80          | false
          §5.6 single NAL: SEI (type 6)                             | 06 05 02             | false
          §5.7.1 STAP-A: SPS, PPS, IDR                              | 78 0004 6742e01f 0002 68ce 0003 658884 | true
          §5.7.1 STAP-A: SPS and PPS, as browsers send them first   | 78 0004 6742e01f 0004 68ce3c80         | true
          §5.7.1 STAP-A: SEI then IDR                               | 78 0003 060502 0003 658884             | true
          §5.7.1 STAP-A: PPS and a non-IDR slice                    | 78 0002 68ce 0003 419a02               | false
          §5.7.1 STAP-A: a size running past the end                | 78 0009 6742                           | false
          §5.7.1 STAP-A: a zero size                                | 78 0000 65                             | false
          §5.7.1 STAP-A: no NAL unit at all                         | 78                                     | false
          §5.8 FU-A: first fragment (S=1) of an IDR                 | 7c 85 88 84          | true
          §5.8 FU-A: first fragment of an IDR, NRI 2                | 5c 85 88             | true
          §5.8 FU-A: middle fragment (S=0) of an IDR                | 7c 05 88 84          | false
          §5.8 FU-A: last fragment (E=1) of an IDR                  | 7c 45 88 84          | false
          §5.8 FU-A: first fragment of a non-IDR slice              | 7c 81 9a             | false
          §5.8 FU-A: no FU header                                   | 7c                   | false
          §5.7.2 STAP-B and §5.8 FU-B are packetization mode 2      | 7d 85 00 01 88       | false
          """)
  void keyframes(String rule, String hex, boolean keyframe) {
    byte[] p = HexFormat.of().parseHex(hex.replace(" ", ""));
    assertEquals(keyframe, H264Payload.isKeyframe(p, 0, p.length), rule);
  }

  @ParameterizedTest(name = "offset {0}, length {1}")
  @CsvSource({"0, 0", "1, 5", "-1, 1", "2, 0"})
  void garbageIsNotAKeyframe(int off, int len) {
    assertFalse(H264Payload.isKeyframe(new byte[] {0x65, 0x65}, off, len));
    assertFalse(H264Payload.isKeyframe(null, off, len));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a STAP-A at an offset inside a receive buffer | ff ff 78 0004 6742e01f 0002 68ce ff | 2 | 11 | true
          the same bytes, the view ending before them   | ff ff 78 0004 6742e01f 0002 68ce ff | 2 | 3  | false
          """)
  void onlyTheGivenRangeIsRead(String rule, String hex, int off, int len, boolean keyframe) {
    byte[] p = HexFormat.of().parseHex(hex.replace(" ", ""));
    assertEquals(keyframe, H264Payload.isKeyframe(p, off, len), rule);
  }
}
