package dev.chorus.media.ice;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One ICE candidate as it travels in SDP: the {@code candidate} attribute of <a
 * href="https://www.rfc-editor.org/rfc/rfc8839#section-5.1">RFC 8839 section 5.1</a>, with the
 * {@code tcptype} extension of <a href="https://www.rfc-editor.org/rfc/rfc6544#section-4.5">RFC
 * 6544 section 4.5</a>.
 *
 * <p>The address is kept as text because browsers may hide host addresses behind mDNS names ({@code
 * <uuid>.local}); such candidates parse fine but are not usable as remote candidates.
 *
 * @param foundation 1 to 32 ice-chars
 * @param component component id; always 1 with rtcp-mux and BUNDLE
 * @param transport UDP or TCP
 * @param priority 0 .. 2^32-1 (RFC 8445 section 5.1.2)
 * @param address IP literal or host name
 * @param port 0 .. 65535 (9 is the discard port used by active TCP candidates)
 * @param type candidate type
 * @param tcpType the RFC 6544 role; present exactly when the transport is TCP
 */
public record IceCandidate(
    String foundation,
    int component,
    Transport transport,
    long priority,
    String address,
    int port,
    Type type,
    Optional<TcpType> tcpType) {

  /** Transport protocol of a candidate. */
  public enum Transport {
    UDP,
    TCP
  }

  /** Candidate type (RFC 8445 section 5.1.1). */
  public enum Type {
    HOST("host"),
    SRFLX("srflx"),
    PRFLX("prflx"),
    RELAY("relay");

    private final String sdpName;

    Type(String sdpName) {
      this.sdpName = sdpName;
    }

    /** The name used after {@code typ} in SDP. */
    public String sdpName() {
      return sdpName;
    }
  }

  /** Connection role of a TCP candidate (RFC 6544 section 4.5). */
  public enum TcpType {
    ACTIVE,
    PASSIVE,
    SO
  }

  private static final long MAX_PRIORITY = 0xFFFF_FFFFL;

  public IceCandidate {
    Objects.requireNonNull(foundation, "foundation");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(tcpType, "tcpType");
    if (!isFoundation(foundation)) {
      throw new IllegalArgumentException("foundation must be 1-32 ice-chars: " + foundation);
    }
    if (component < 1 || component > 256) {
      throw new IllegalArgumentException("component out of range: " + component);
    }
    if (priority < 0 || priority > MAX_PRIORITY) {
      throw new IllegalArgumentException("priority out of range: " + priority);
    }
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (address.isEmpty() || address.chars().anyMatch(c -> c <= ' ')) {
      throw new IllegalArgumentException("bad address: " + address);
    }
    if ((transport == Transport.TCP) != tcpType.isPresent()) {
      throw new IllegalArgumentException("tcptype is required for TCP and only for TCP");
    }
  }

  /**
   * The SDP attribute value, without the {@code a=} prefix, e.g. {@code candidate:1 1 udp
   * 2130706431 192.0.2.1 10000 typ host}. Browsers accept it as {@code RTCIceCandidate.candidate}.
   */
  public String toSdp() {
    var sb = new StringBuilder("candidate:");
    sb.append(foundation)
        .append(' ')
        .append(component)
        .append(' ')
        .append(transport.name().toLowerCase(Locale.ROOT))
        .append(' ')
        .append(priority)
        .append(' ')
        .append(address)
        .append(' ')
        .append(port)
        .append(" typ ")
        .append(type.sdpName());
    tcpType.ifPresent(t -> sb.append(" tcptype ").append(t.name().toLowerCase(Locale.ROOT)));
    return sb.toString();
  }

  /**
   * Parses a candidate attribute as browsers send it in SDP or trickle ({@code a=} and {@code
   * candidate:} prefixes are optional). Unknown extensions such as {@code generation} or {@code
   * ufrag} are skipped; {@code raddr}/{@code rport} are read past but not kept.
   *
   * @return the candidate, or empty if the text is not a well-formed candidate this package can
   *     represent (e.g. an unknown transport or type); never throws
   */
  public static Optional<IceCandidate> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    var s = text.strip();
    if (s.startsWith("a=")) {
      s = s.substring(2);
    }
    if (s.startsWith("candidate:")) {
      s = s.substring("candidate:".length());
    }
    var f = s.split(" +");
    if (f.length < 8 || !"typ".equals(f[6])) {
      return Optional.empty();
    }
    try {
      var transport = parseEnum(Transport.class, f[2]);
      var type = parseType(f[7]);
      if (transport.isEmpty() || type.isEmpty() || !isDigits(f[1], 3) || !isDigits(f[3], 10)) {
        return Optional.empty();
      }
      Optional<TcpType> tcpType = Optional.empty();
      for (int i = 8; i + 1 < f.length; i += 2) {
        if ("tcptype".equals(f[i])) {
          tcpType = parseEnum(TcpType.class, f[i + 1]);
          if (tcpType.isEmpty()) {
            return Optional.empty();
          }
        }
      }
      if (!isDigits(f[5], 5)) {
        return Optional.empty();
      }
      return Optional.of(
          new IceCandidate(
              f[0],
              Integer.parseInt(f[1]),
              transport.get(),
              Long.parseLong(f[3]),
              f[4],
              Integer.parseInt(f[5]),
              type.get(),
              tcpType));
    } catch (IllegalArgumentException e) {
      // Range checks of the compact constructor: reject, never propagate.
      return Optional.empty();
    }
  }

  private static Optional<Type> parseType(String name) {
    for (var t : Type.values()) {
      if (t.sdpName.equalsIgnoreCase(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private static <E extends Enum<E>> Optional<E> parseEnum(Class<E> type, String name) {
    for (var e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(name)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  private static boolean isDigits(String s, int maxLength) {
    return !s.isEmpty() && s.length() <= maxLength && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** 1 to 32 ice-chars (RFC 8839 section 5.1). */
  private static boolean isFoundation(String s) {
    return IceChars.valid(s, 1, 32);
  }
}
