package dev.chorus.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fmtp parameters of RFC 6184 §8.1 that decide whether the router takes an H.264 stream: {@code
 * packetization-mode} (absent: 0, single NAL units only) must be 1 and {@code profile-level-id}
 * (absent: 420010, Baseline) must name Constrained Baseline (H.264 §A.2.1.1, RFC 7742 §6.2).
 */
class H264FormatRfc6184Test {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Chromium's and Safari's first choice                      | level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f | true
          Constrained Baseline, constraint_set0+1 only (42c0)       | packetization-mode=1;profile-level-id=42c01f     | true
          Constrained Baseline, level 5.2                           | packetization-mode=1;profile-level-id=42e034     | true
          hex digits in upper case                                  | packetization-mode=1;profile-level-id=42E01F     | true
          parameter names are case-insensitive                      | Packetization-Mode=1;Profile-Level-Id=42e01f     | true
          Main with constraint_set0 is Constrained Baseline         | packetization-mode=1;profile-level-id=4d801f     | true
          Extended with constraint_set0 and 1 is too                | packetization-mode=1;profile-level-id=58c01f     | true
          packetization mode 0: single NAL units only               | packetization-mode=0;profile-level-id=42e01f     | false
          packetization mode absent means 0                         | profile-level-id=42e01f                          | false
          packetization mode 2: interleaved                         | packetization-mode=2;profile-level-id=42e01f     | false
          Baseline without constraint_set1 (42001f)                 | packetization-mode=1;profile-level-id=42001f     | false
          profile-level-id absent means Baseline 420010             | packetization-mode=1                             | false
          Main (4d001f)                                             | packetization-mode=1;profile-level-id=4d001f     | false
          High (640c1f)                                             | packetization-mode=1;profile-level-id=640c1f     | false
          Extended with constraint_set1 only                        | packetization-mode=1;profile-level-id=58401f     | false
          not hex                                                   | packetization-mode=1;profile-level-id=42zz1f     | false
          too short                                                 | packetization-mode=1;profile-level-id=42e0       | false
          """)
  void forwardable(String rule, String fmtp, boolean forwardable) {
    assertEquals(forwardable, H264Format.isForwardable(parameters(fmtp)), rule);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "42e01f, 66, 224, 31",
    "4d001f, 77, 0, 31",
    "640c34, 100, 12, 52",
  })
  void profileLevelIdIsProfileIopLevel(String hex, int profile, int iop, int level) {
    assertEquals(
        new H264Format(profile, iop, level), H264Format.ofProfileLevelId(hex).orElseThrow());
  }

  private static Map<String, String> parameters(String fmtp) {
    var map = new LinkedHashMap<String, String>();
    for (var p : fmtp.split(";")) {
      var eq = p.indexOf('=');
      map.put(p.substring(0, eq), p.substring(eq + 1));
    }
    return map;
  }
}
