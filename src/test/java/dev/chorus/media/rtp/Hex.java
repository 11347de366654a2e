package dev.chorus.media.rtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Hex test vectors: inline strings and fixture files under src/test/resources/media/rtp. */
public final class Hex {
  private Hex() {}

  /** Bytes of a hex string; whitespace is ignored. */
  public static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
  }

  public static String of(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  public static String of(byte[] b, int off, int len) {
    return HexFormat.of().formatHex(b, off, off + len);
  }

  /** A fixture file: '#' lines are comments (source and description), the rest is hex. */
  public static byte[] fixture(String name) {
    try (InputStream in = Hex.class.getResourceAsStream("/media/rtp/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      StringBuilder hex = new StringBuilder();
      for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
        if (!line.startsWith("#")) {
          hex.append(line);
        }
      }
      return bytes(hex.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
