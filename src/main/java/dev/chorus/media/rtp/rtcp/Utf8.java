package dev.chorus.media.rtp.rtcp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Strict UTF-8 decoding of RTCP text, so that what parses re-encodes to the same bytes. */
final class Utf8 {
  private Utf8() {}

  static Optional<String> decode(byte[] buf, int off, int len) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(buf, off, len))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
