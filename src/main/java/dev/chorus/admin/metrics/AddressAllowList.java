package dev.chorus.admin.metrics;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Addresses allowed to scrape without a token ({@code chorus.metrics.allow}): a comma-separated
 * list of IP addresses and CIDR blocks (IPv4 or IPv6), e.g. {@code 127.0.0.0/8,::1,10.1.0.0/16};
 * {@code none} (or empty) allows no address. Only IP literals: a host name would need a DNS lookup
 * per request and could be spoofed.
 */
public final class AddressAllowList {
  /** Loopback only: the default, so a fresh install exposes nothing beyond the host. */
  public static final String LOOPBACK = "127.0.0.0/8,::1";

  private record Block(byte[] network, int prefixBits) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = prefixBits / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefixBits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (network[full] & mask);
    }
  }

  private final List<Block> blocks;
  private final String text;

  private AddressAllowList(List<Block> blocks, String text) {
    this.blocks = List.copyOf(blocks);
    this.text = text;
  }

  /**
   * Parses the setting.
   *
   * @throws IllegalArgumentException naming the entry that is not an IP literal or CIDR block
   */
  public static AddressAllowList parse(String setting) {
    var blocks = new ArrayList<Block>();
    var trimmed = setting == null ? "" : setting.strip();
    if (trimmed.isEmpty() || trimmed.toLowerCase(Locale.ROOT).equals("none")) {
      return new AddressAllowList(blocks, "none");
    }
    for (var entry : trimmed.split(",")) {
      var e = entry.strip();
      if (!e.isEmpty()) {
        blocks.add(block(e));
      }
    }
    return new AddressAllowList(blocks, trimmed);
  }

  private static Block block(String entry) {
    int slash = entry.indexOf('/');
    var address = slash < 0 ? entry : entry.substring(0, slash);
    byte[] bytes = literal(address, entry);
    int bits = bytes.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(entry.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a CIDR prefix length: " + entry);
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("prefix length out of range: " + entry);
      }
    }
    return new Block(bytes, prefix);
  }

  private static byte[] literal(String address, String entry) {
    // Only digits, dots, hex and colons: InetAddress.getByName would otherwise resolve a name.
    if (address.isEmpty() || !address.matches("[0-9A-Fa-f:.]+")) {
      throw new IllegalArgumentException("not an IP address or CIDR block: " + entry);
    }
    if (address.indexOf(':') < 0 && !address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      throw new IllegalArgumentException("not an IP address or CIDR block: " + entry);
    }
    try {
      return InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address or CIDR block: " + entry, e);
    }
  }

  /** Whether {@code address} is in one of the blocks; false for null. */
  public boolean allows(InetAddress address) {
    if (address == null) {
      return false;
    }
    byte[] bytes = address.getAddress();
    return blocks.stream().anyMatch(b -> b.contains(bytes));
  }

  @Override
  public String toString() {
    return text;
  }
}
