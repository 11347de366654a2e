package dev.chorus.signaling.sdp;

import java.util.List;

/**
 * {@code c=<nettype> <addrtype> <connection-address>} (RFC 8866 §5.7, <a
 * href="https://www.rfc-editor.org/rfc/rfc8866#section-5.7">rfc8866#section-5.7</a>). The address
 * is kept as written, including a multicast {@code /ttl} suffix if present.
 */
public record Connection(String networkType, String addressType, String address)
    implements SdpLine {
  /** What browsers put in every m-section when candidates carry the real addresses. */
  public static final Connection IP4_ANY = new Connection("IN", "IP4", "0.0.0.0");

  public Connection {
    Grammar.requireToken(networkType, "c= network type");
    Grammar.requireToken(addressType, "c= address type");
    Grammar.requireVisible(address, "c= address");
  }

  public static Connection ip4(String address) {
    return new Connection("IN", "IP4", address);
  }

  public static Connection ip6(String address) {
    return new Connection("IN", "IP6", address);
  }

  static Connection parseValue(String value) throws Malformed {
    List<String> f = Grammar.fields(value, "c= line");
    if (f.size() != 3) {
      throw new Malformed(
          "c= line needs <nettype> <addrtype> <address>, got " + f.size() + " fields");
    }
    return new Connection(
        Grammar.token(f.get(0), "c= network type"),
        Grammar.token(f.get(1), "c= address type"),
        f.get(2));
  }

  public String value() {
    return networkType + " " + addressType + " " + address;
  }

  @Override
  public String toLine() {
    return "c=" + value();
  }
}
