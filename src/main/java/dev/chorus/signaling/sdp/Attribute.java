package dev.chorus.signaling.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@code a=<name>} or {@code a=<name>:<value>} line (RFC 8866 §5.13, <a
 * href="https://www.rfc-editor.org/rfc/rfc8866#section-5.13">rfc8866#section-5.13</a>). Attributes
 * this package knows become their own types; anything else is kept as {@link Other} with its text
 * untouched, so writing a parsed description reproduces it.
 */
public sealed interface Attribute extends SdpLine
    permits Candidate,
        RtpMap,
        Fmtp,
        RtcpFeedback,
        ExtMap,
        Fingerprint,
        Setup,
        Direction,
        Group,
        MsidSemantic,
        Msid,
        SsrcAttribute,
        SsrcGroup,
        Rid,
        Simulcast,
        Attribute.Mid,
        Attribute.IceUfrag,
        Attribute.IcePwd,
        Attribute.IceOptions,
        Attribute.SctpPort,
        Attribute.MaxMessageSize,
        Attribute.Other {

  /** The attribute name, e.g. {@code "rtpmap"}. */
  String attributeName();

  /** The text after the colon, or {@code null} for a property attribute like rtcp-mux. */
  String attributeValue();

  @Override
  default String toLine() {
    String value = attributeValue();
    return value == null ? "a=" + attributeName() : "a=" + attributeName() + ":" + value;
  }

  /** {@code a=rtcp-mux} (RFC 5761, RFC 8858). */
  Other RTCP_MUX = Other.property("rtcp-mux");

  /** {@code a=rtcp-rsize} (RFC 5506). */
  Other RTCP_RSIZE = Other.property("rtcp-rsize");

  /** {@code a=end-of-candidates} (RFC 8840): no more trickled candidates follow. */
  Other END_OF_CANDIDATES = Other.property("end-of-candidates");

  /** {@code a=ice-lite} (RFC 8839 §5.3): a server that only answers connectivity checks. */
  Other ICE_LITE = Other.property("ice-lite");

  /** {@code a=extmap-allow-mixed} (RFC 8285 §6): one- and two-byte header extensions may mix. */
  Other EXTMAP_ALLOW_MIXED = Other.property("extmap-allow-mixed");

  /**
   * {@code a=mid:<identification-tag>} (RFC 5888 §4, <a
   * href="https://www.rfc-editor.org/rfc/rfc5888#section-4">rfc5888#section-4</a>).
   */
  record Mid(String id) implements Attribute {
    public Mid {
      Grammar.requireToken(id, "mid");
    }

    @Override
    public String attributeName() {
      return "mid";
    }

    @Override
    public String attributeValue() {
      return id;
    }
  }

  /**
   * {@code a=ice-ufrag:<4..256 ice-char>} (RFC 8839 §5.4, <a
   * href="https://www.rfc-editor.org/rfc/rfc8839#section-5.4">rfc8839#section-5.4</a>).
   */
  record IceUfrag(String ufrag) implements Attribute {
    public IceUfrag {
      if (ufrag == null
          || ufrag.length() < 4
          || ufrag.length() > 256
          || !Grammar.isIceChars(ufrag)) {
        throw new IllegalArgumentException("ice-ufrag must be 4..256 ice-chars: " + ufrag);
      }
    }

    @Override
    public String attributeName() {
      return "ice-ufrag";
    }

    @Override
    public String attributeValue() {
      return ufrag;
    }
  }

  /**
   * {@code a=ice-pwd:<22..256 ice-char>} (RFC 8839 §5.4, <a
   * href="https://www.rfc-editor.org/rfc/rfc8839#section-5.4">rfc8839#section-5.4</a>).
   */
  record IcePwd(String password) implements Attribute {
    public IcePwd {
      if (password == null
          || password.length() < 22
          || password.length() > 256
          || !Grammar.isIceChars(password)) {
        throw new IllegalArgumentException("ice-pwd must be 22..256 ice-chars");
      }
    }

    @Override
    public String attributeName() {
      return "ice-pwd";
    }

    @Override
    public String attributeValue() {
      return password;
    }

    @Override
    public String toString() {
      return "IcePwd[" + password.length() + " chars]";
    }
  }

  /**
   * {@code a=ice-options:<tag> *(SP <tag>)} (RFC 8839 §5.6, <a
   * href="https://www.rfc-editor.org/rfc/rfc8839#section-5.6">rfc8839#section-5.6</a>).
   * libdatachannel separates the tags with commas ({@code a=ice-options:ice2,trickle}); {@link
   * #parseValue} reads both, and {@code written} keeps the peer's text so the line writes back as
   * it came. What the server writes uses single spaces.
   *
   * @param written the value as written after the colon
   */
  record IceOptions(List<String> options, String written) implements Attribute {
    public IceOptions {
      options = Grammar.requireNoNulls(options, "ice-options");
      if (options.isEmpty()) {
        throw new IllegalArgumentException("ice-options needs at least one option");
      }
      options.forEach(o -> Grammar.requireToken(o, "ice option"));
      Grammar.requireLineText(written, "ice-options");
    }

    public IceOptions(List<String> options) {
      this(options, String.join(" ", options == null ? List.of() : options));
    }

    static IceOptions parseValue(String value) throws Malformed {
      var options = new ArrayList<String>();
      for (String tag : value.split("[ ,]")) {
        if (!tag.isEmpty()) {
          options.add(Grammar.token(tag, "ice option"));
        }
      }
      if (options.isEmpty()) {
        throw new Malformed("ice-options needs at least one option tag");
      }
      return new IceOptions(options, value);
    }

    public boolean has(String option) {
      return options.contains(option);
    }

    @Override
    public String attributeName() {
      return "ice-options";
    }

    @Override
    public String attributeValue() {
      return written;
    }
  }

  /**
   * {@code a=sctp-port:<port>} (RFC 8841 §5.2, <a
   * href="https://www.rfc-editor.org/rfc/rfc8841#section-5.2">rfc8841#section-5.2</a>).
   */
  record SctpPort(int port) implements Attribute {
    public SctpPort {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("sctp-port out of range: " + port);
      }
    }

    @Override
    public String attributeName() {
      return "sctp-port";
    }

    @Override
    public String attributeValue() {
      return Integer.toString(port);
    }
  }

  /**
   * {@code a=max-message-size:<bytes>} (RFC 8841 §6, <a
   * href="https://www.rfc-editor.org/rfc/rfc8841#section-6">rfc8841#section-6</a>); 0 means no
   * limit.
   */
  record MaxMessageSize(long bytes) implements Attribute {
    public MaxMessageSize {
      if (bytes < 0) {
        throw new IllegalArgumentException("max-message-size must not be negative");
      }
    }

    @Override
    public String attributeName() {
      return "max-message-size";
    }

    @Override
    public String attributeValue() {
      return Long.toString(bytes);
    }
  }

  /**
   * Any attribute kept verbatim: unknown ones, and value-less properties such as {@code rtcp-mux}.
   * {@code value} is {@code null} when the line has no colon.
   */
  record Other(String name, String value) implements Attribute {
    public Other {
      Grammar.requireToken(name, "attribute name");
      if (value != null) {
        Grammar.requireLineText(value, "attribute value");
      }
    }

    public static Other property(String name) {
      return new Other(name, null);
    }

    @Override
    public String attributeName() {
      return name;
    }

    @Override
    public String attributeValue() {
      return value;
    }
  }
}
