package dev.chorus.signaling.sdp;

/**
 * {@code a=rtpmap:<pt> <encoding name>/<clock rate>[/<encoding parameters>]} (RFC 8866 §6.6, <a
 * href="https://www.rfc-editor.org/rfc/rfc8866#section-6.6">rfc8866#section-6.6</a>). For audio the
 * encoding parameter is the channel count; it is kept as present or absent (Firefox writes {@code
 * G722/8000/1}, Chrome {@code G722/8000}) so the line is written back as it came.
 *
 * @param channels the encoding parameter, or {@code null} when the line has none
 */
public record RtpMap(int payloadType, String encodingName, int clockRate, Integer channels)
    implements Attribute {

  public RtpMap {
    PayloadTypes.require(payloadType);
    Grammar.requireVisible(encodingName, "encoding name");
    if (encodingName.indexOf('/') >= 0) {
      throw new IllegalArgumentException("encoding name contains '/': " + encodingName);
    }
    if (clockRate <= 0) {
      throw new IllegalArgumentException("clock rate must be positive: " + clockRate);
    }
    if (channels != null && channels < 1) {
      throw new IllegalArgumentException("channel count must be positive: " + channels);
    }
  }

  static RtpMap parseValue(String value) throws Malformed {
    int sp = value.indexOf(' ');
    if (sp < 0) {
      throw new Malformed("rtpmap needs '<pt> <name>/<clock rate>'");
    }
    int pt = PayloadTypes.parse(value.substring(0, sp));
    String[] parts = value.substring(sp + 1).split("/", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw new Malformed("rtpmap encoding must be <name>/<clock rate>[/<parameters>]");
    }
    Grammar.visible(parts[0], "encoding name");
    int clock = Grammar.integer(parts[1], "clock rate", 1, Integer.MAX_VALUE);
    Integer channels =
        parts.length == 3 ? Grammar.integer(parts[2], "channel count", 1, 255) : null;
    return new RtpMap(pt, parts[0], clock, channels);
  }

  /** Channel count, 1 when the line does not say. */
  public int channelCount() {
    return channels == null ? 1 : channels;
  }

  @Override
  public String attributeName() {
    return "rtpmap";
  }

  @Override
  public String attributeValue() {
    String v = payloadType + " " + encodingName + "/" + clockRate;
    return channels == null ? v : v + "/" + channels;
  }
}
