package dev.chorus.signaling.sdp;

import java.util.List;

/**
 * Turns the text after {@code a=} into an {@link Attribute} (RFC 8866 §5.13: {@code
 * a=<attribute-name>[:<attribute-value>]}). Known names get their grammar checked; a malformed
 * known attribute is an error rather than being passed through, so the SFU never acts on half a
 * line. Unknown names are kept as {@link Attribute.Other}.
 */
final class AttributeParser {
  private AttributeParser() {}

  private static final List<String> PROPERTIES =
      List.of(
          "rtcp-mux",
          "rtcp-rsize",
          "end-of-candidates",
          "ice-lite",
          "extmap-allow-mixed",
          "bundle-only");

  static Attribute parse(String text) throws Malformed {
    int colon = text.indexOf(':');
    String name = colon < 0 ? text : text.substring(0, colon);
    String value = colon < 0 ? null : text.substring(colon + 1);
    if (!Grammar.isToken(name)) {
      throw new Malformed("attribute name is not a token: '" + name + "'");
    }
    var direction = Direction.fromToken(name);
    if (direction.isPresent() || PROPERTIES.contains(name)) {
      if (value != null) {
        throw new Malformed("a=" + name + " takes no value");
      }
      return direction.isPresent() ? direction.get() : Attribute.Other.property(name);
    }
    if (value == null) {
      if (isValued(name)) {
        throw new Malformed("a=" + name + " needs a value");
      }
      return Attribute.Other.property(name);
    }
    return switch (name) {
      case "candidate" -> Candidate.parseValue(value);
      case "rtpmap" -> RtpMap.parseValue(value);
      case "fmtp" -> Fmtp.parseValue(value);
      case "rtcp-fb" -> RtcpFeedback.parseValue(value);
      case "extmap" -> ExtMap.parseValue(value);
      case "fingerprint" -> Fingerprint.parseValue(value);
      case "setup" ->
          Setup.fromToken(value)
              .orElseThrow(
                  () -> new Malformed("setup must be active, passive, actpass or holdconn"));
      case "group" -> Group.parseValue(value);
      case "msid-semantic" -> MsidSemantic.parseValue(value);
      case "msid" -> Msid.parseValue(value);
      case "ssrc" -> SsrcAttribute.parseValue(value);
      case "ssrc-group" -> SsrcGroup.parseValue(value);
      case "rid" -> Rid.parseValue(value);
      case "simulcast" -> Simulcast.parseValue(value);
      case "mid" -> new Attribute.Mid(Grammar.token(value, "mid"));
      case "ice-ufrag" -> new Attribute.IceUfrag(value);
      case "ice-pwd" -> new Attribute.IcePwd(value);
      case "ice-options" -> Attribute.IceOptions.parseValue(value);
      case "sctp-port" -> new Attribute.SctpPort(Grammar.integer(value, "sctp-port", 0, 65535));
      case "max-message-size" ->
          new Attribute.MaxMessageSize(
              Grammar.number(value, "max-message-size", 0, Long.MAX_VALUE));
      default -> new Attribute.Other(name, value);
    };
  }

  private static boolean isValued(String name) {
    return switch (name) {
      case "candidate",
              "rtpmap",
              "fmtp",
              "rtcp-fb",
              "extmap",
              "fingerprint",
              "setup",
              "group",
              "msid-semantic",
              "msid",
              "ssrc",
              "ssrc-group",
              "rid",
              "simulcast",
              "mid",
              "ice-ufrag",
              "ice-pwd",
              "ice-options",
              "sctp-port",
              "max-message-size" ->
          true;
      default -> false;
    };
  }
}
