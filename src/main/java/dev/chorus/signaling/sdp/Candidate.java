package dev.chorus.signaling.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An ICE candidate, {@code a=candidate:...} (RFC 8839 §5.1, <a
 * href="https://www.rfc-editor.org/rfc/rfc8839#section-5.1">rfc8839#section-5.1</a>):
 *
 * <pre>
 * foundation SP component-id SP transport SP priority SP connection-address SP port
 * SP "typ" SP cand-type [SP "raddr" SP addr] [SP "rport" SP port] *(SP ext-name SP ext-value)
 * </pre>
 *
 * <p>{@code raddr}/{@code rport} are recognised only where the grammar puts them (right after the
 * type); every later name/value pair, including {@code tcptype} (RFC 6544), {@code generation},
 * {@code ufrag} and {@code network-id}, stays in {@link #extensions()} in its original order. The
 * same type parses the {@code candidate:...} strings browsers trickle.
 *
 * @param relatedAddress {@code raddr}, or {@code null}
 * @param relatedPort {@code rport}, or {@code null}
 */
public record Candidate(
    String foundation,
    int component,
    String transport,
    long priority,
    String address,
    int port,
    String type,
    String relatedAddress,
    Integer relatedPort,
    List<Extension> extensions)
    implements Attribute {

  /** Component id of RTP; RTCP is 2 unless rtcp-mux is used. */
  public static final int RTP = 1;

  /** One {@code <extension-att-name> SP <extension-att-value>} pair. */
  public record Extension(String name, String value) {
    public Extension {
      Grammar.requireToken(name, "candidate extension name");
      Grammar.requireVisible(value, "candidate extension value");
    }
  }

  public Candidate {
    if (foundation == null
        || foundation.isEmpty()
        || foundation.length() > 32
        || !Grammar.isIceChars(foundation)) {
      throw new IllegalArgumentException("foundation must be 1..32 ice-chars: " + foundation);
    }
    if (component < 1 || component > 999) {
      throw new IllegalArgumentException("component id must be 1..999: " + component);
    }
    Grammar.requireToken(transport, "transport");
    if (priority < 0 || priority > 9_999_999_999L) {
      throw new IllegalArgumentException("priority must be at most 10 digits: " + priority);
    }
    Grammar.requireVisible(address, "connection address");
    requirePort(port, "port");
    Grammar.requireToken(type, "candidate type");
    if (relatedAddress != null) {
      Grammar.requireVisible(relatedAddress, "raddr");
    }
    if (relatedPort != null) {
      requirePort(relatedPort, "rport");
    }
    extensions = Grammar.requireNoNulls(extensions, "candidate extensions");
  }

  private static void requirePort(int port, String what) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(what + " out of range: " + port);
    }
  }

  /** A host candidate as the SFU advertises it (no related address, no extensions). */
  public static Candidate host(
      String foundation, String transport, long priority, String address, int port) {
    return new Candidate(
        foundation, RTP, transport, priority, address, port, "host", null, null, List.of());
  }

  /** A passive ICE-TCP host candidate (RFC 6544): the SFU listens, the browser connects. */
  public static Candidate passiveTcpHost(
      String foundation, long priority, String address, int port) {
    return new Candidate(
        foundation,
        RTP,
        "tcp",
        priority,
        address,
        port,
        "host",
        null,
        null,
        List.of(new Extension("tcptype", "passive")));
  }

  /**
   * Parses a trickled candidate string as found in {@code RTCIceCandidate.candidate}, with or
   * without the {@code candidate:} (or {@code a=candidate:}) prefix.
   */
  public static SdpResult<Candidate> parse(String text) {
    String value = text;
    if (value != null && value.startsWith("a=")) {
      value = value.substring(2);
    }
    if (value != null && value.startsWith("candidate:")) {
      value = value.substring("candidate:".length());
    }
    try {
      if (value == null) {
        throw new Malformed("no candidate (null)");
      }
      return new SdpResult.Ok<>(parseValue(value));
    } catch (Malformed | IllegalArgumentException e) {
      return new SdpResult.Failed<>(new SdpParseError(1, text == null ? "" : text, e.getMessage()));
    }
  }

  static Candidate parseValue(String value) throws Malformed {
    List<String> f = Grammar.fields(value, "candidate");
    if (f.size() < 8) {
      throw new Malformed("candidate needs at least 8 fields, got " + f.size());
    }
    if (!f.get(6).equals("typ")) {
      throw new Malformed("candidate: expected 'typ' as 7th field, got '" + f.get(6) + "'");
    }
    int i = 8;
    String raddr = null;
    Integer rport = null;
    if (i + 1 < f.size() && f.get(i).equals("raddr")) {
      raddr = Grammar.visible(f.get(i + 1), "raddr");
      i += 2;
    }
    if (i + 1 < f.size() && f.get(i).equals("rport")) {
      rport = Grammar.integer(f.get(i + 1), "rport", 0, 65535);
      i += 2;
    }
    if ((f.size() - i) % 2 != 0) {
      throw new Malformed("candidate extension '" + f.get(f.size() - 1) + "' has no value");
    }
    List<Extension> extensions = new ArrayList<>();
    for (; i < f.size(); i += 2) {
      extensions.add(
          new Extension(Grammar.token(f.get(i), "candidate extension name"), f.get(i + 1)));
    }
    return new Candidate(
        f.get(0),
        Grammar.integer(f.get(1), "component id", 1, 999),
        Grammar.token(f.get(2), "transport"),
        Grammar.number(f.get(3), "priority", 0, 9_999_999_999L),
        f.get(4),
        Grammar.integer(f.get(5), "port", 0, 65535),
        Grammar.token(f.get(7), "candidate type"),
        raddr,
        rport,
        extensions);
  }

  /** The first extension with this name, e.g. {@code extension("generation")}. */
  public Optional<String> extension(String name) {
    return extensions.stream().filter(e -> e.name.equals(name)).map(Extension::value).findFirst();
  }

  /** RFC 6544 {@code tcptype}: active, passive or so. */
  public Optional<String> tcpType() {
    return extension("tcptype");
  }

  public OptionalInt generation() {
    return extension("generation")
        .filter(g -> !g.isEmpty() && g.length() < 10 && g.chars().allMatch(Character::isDigit))
        .map(g -> OptionalInt.of(Integer.parseInt(g)))
        .orElse(OptionalInt.empty());
  }

  public boolean isUdp() {
    return transport.equalsIgnoreCase("udp");
  }

  public boolean isTcp() {
    return transport.equalsIgnoreCase("tcp");
  }

  /** The text browsers exchange when trickling: {@code candidate:<value>}. */
  public String toCandidateString() {
    return "candidate:" + attributeValue();
  }

  @Override
  public String attributeName() {
    return "candidate";
  }

  @Override
  public String attributeValue() {
    StringBuilder sb = new StringBuilder();
    sb.append(foundation).append(' ').append(component).append(' ').append(transport);
    sb.append(' ').append(priority).append(' ').append(address).append(' ').append(port);
    sb.append(" typ ").append(type);
    if (relatedAddress != null) {
      sb.append(" raddr ").append(relatedAddress);
    }
    if (relatedPort != null) {
      sb.append(" rport ").append(relatedPort);
    }
    for (Extension e : extensions) {
      sb.append(' ').append(e.name).append(' ').append(e.value);
    }
    return sb.toString();
  }
}
