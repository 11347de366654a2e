package dev.chorus.signaling.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * {@code a=fmtp:<format> <format specific parameters>} (RFC 8866 §6.15, <a
 * href="https://www.rfc-editor.org/rfc/rfc8866#section-6.15">rfc8866#section-6.15</a>). The
 * parameter text is kept verbatim; {@link #parameterMap()} reads the usual {@code k=v;k=v} form.
 * Entries without {@code =} (telephone-event's {@code 0-15}, RED's {@code 111/111}) become keys
 * with an empty value.
 */
public record Fmtp(int payloadType, String parameters) implements Attribute {

  public Fmtp {
    PayloadTypes.require(payloadType);
    Grammar.requireLineText(parameters, "fmtp parameters");
  }

  /** RTX's associated payload type parameter (RFC 4588). */
  public static Fmtp rtx(int rtxPayloadType, int associatedPayloadType) {
    return new Fmtp(rtxPayloadType, "apt=" + associatedPayloadType);
  }

  static Fmtp parseValue(String value) throws Malformed {
    int sp = value.indexOf(' ');
    if (sp < 0) {
      return new Fmtp(PayloadTypes.parse(value), "");
    }
    return new Fmtp(PayloadTypes.parse(value.substring(0, sp)), value.substring(sp + 1));
  }

  /** Parameters in order; on a repeated key the last one wins. */
  public Map<String, String> parameterMap() {
    return parse(parameters);
  }

  static Map<String, String> parse(String parameters) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String entry : parameters.split(";")) {
      String e = entry.trim();
      if (e.isEmpty()) {
        continue;
      }
      int eq = e.indexOf('=');
      if (eq < 0) {
        map.put(e, "");
      } else {
        map.put(e.substring(0, eq).trim(), e.substring(eq + 1).trim());
      }
    }
    return Collections.unmodifiableMap(map);
  }

  /** The {@code apt} of an RTX format (RFC 4588), if present and numeric. */
  public OptionalInt apt() {
    return apt(parameterMap());
  }

  static OptionalInt apt(Map<String, String> parameters) {
    String apt = parameters.get("apt");
    if (apt == null) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(PayloadTypes.parse(apt));
    } catch (Malformed e) {
      return OptionalInt.empty();
    }
  }

  @Override
  public String attributeName() {
    return "fmtp";
  }

  @Override
  public String attributeValue() {
    return parameters.isEmpty() ? Integer.toString(payloadType) : payloadType + " " + parameters;
  }
}
