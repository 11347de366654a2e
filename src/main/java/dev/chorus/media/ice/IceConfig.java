package dev.chorus.media.ice;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Network settings of the ICE endpoint (RFC 8445 server side, RFC 6544 ICE-TCP).
 *
 * <p>This package reads no configuration itself; the container glue passes values in, usually via
 * {@link #of}.
 *
 * @param udpPort the one UDP port shared by every session; 0 picks an ephemeral port (tests)
 * @param tcpPort the one ICE-TCP port shared by every session; 0 turns ICE-TCP off
 * @param bindAddress the local address to listen on; empty to auto-detect one (see {@link
 *     HostAddresses})
 * @param advertisedAddress the address to put in candidates instead of the bound one, for a server
 *     behind a 1:1 NAT or port forwarding (like SRS's {@code CANDIDATE} or mediasoup's announced
 *     address); empty to advertise the bound address
 * @param loopbackCandidate whether to also listen on and advertise 127.0.0.1; empty means "yes
 *     unless an advertised address is set" (development machines, browser tests on 127.0.0.1)
 * @param consentTimeout how long a session may go without connecting, or once connected without a
 *     valid check from the peer on the selected pair (RFC 7675 consent; received data does not
 *     count, it may be spoofed), before it is reported failed
 */
public record IceConfig(
    int udpPort,
    int tcpPort,
    Optional<InetAddress> bindAddress,
    Optional<InetAddress> advertisedAddress,
    Optional<Boolean> loopbackCandidate,
    Duration consentTimeout) {

  /** Default UDP port, as in Jitsi Videobridge. */
  public static final int DEFAULT_UDP_PORT = 10000;

  /** Default ICE-TCP port (unprivileged, commonly let through like HTTPS alternatives). */
  public static final int DEFAULT_TCP_PORT = 4443;

  /** RFC 7675 section 5.1: consent expires 30 seconds after the last confirmation. */
  public static final Duration DEFAULT_CONSENT_TIMEOUT = Duration.ofSeconds(30);

  public IceConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(advertisedAddress, "advertisedAddress");
    Objects.requireNonNull(loopbackCandidate, "loopbackCandidate");
    Objects.requireNonNull(consentTimeout, "consentTimeout");
    checkPort("udpPort", udpPort);
    checkPort("tcpPort", tcpPort);
    if (udpPort != 0 && udpPort == tcpPort) {
      // Allowed by the OS, but one firewall rule for both is a common source of confusion.
      throw new IllegalArgumentException("udpPort and tcpPort are both " + udpPort);
    }
    if (consentTimeout.isNegative() || consentTimeout.isZero()) {
      throw new IllegalArgumentException("consentTimeout must be positive: " + consentTimeout);
    }
    bindAddress = bindAddress.filter(a -> !a.isAnyLocalAddress());
    advertisedAddress.ifPresent(
        a -> {
          if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
            throw new IllegalArgumentException("advertisedAddress must be unicast: " + a);
          }
        });
  }

  /** Defaults: UDP 10000, ICE-TCP 4443, auto-detected address, 30 s consent timeout. */
  public static IceConfig defaults() {
    return of(null, null, null, null, null, null);
  }

  /**
   * Builds a config from raw values as they come from MicroProfile Config or the environment. Each
   * {@code null} or blank value takes its default.
   *
   * @param udpPort UDP port; default {@value #DEFAULT_UDP_PORT}
   * @param tcpPort ICE-TCP port, 0 = off; default {@value #DEFAULT_TCP_PORT}
   * @param bindAddress IP literal, or {@code 0.0.0.0}/blank to auto-detect
   * @param advertisedAddress IP literal (host names are refused: browsers do not resolve them in
   *     candidates, and resolving here would mean DNS at startup)
   * @param loopbackCandidate {@code true}/{@code false}, or null for the automatic choice
   * @param consentTimeout default 30 s
   * @throws IllegalArgumentException naming the offending value
   */
  public static IceConfig of(
      Integer udpPort,
      Integer tcpPort,
      String bindAddress,
      String advertisedAddress,
      Boolean loopbackCandidate,
      Duration consentTimeout) {
    return new IceConfig(
        udpPort == null ? DEFAULT_UDP_PORT : udpPort,
        tcpPort == null ? DEFAULT_TCP_PORT : tcpPort,
        literal("bindAddress", bindAddress),
        literal("advertisedAddress", advertisedAddress),
        Optional.ofNullable(loopbackCandidate),
        consentTimeout == null ? DEFAULT_CONSENT_TIMEOUT : consentTimeout);
  }

  /** Whether ICE-TCP is enabled. */
  public boolean tcpEnabled() {
    return tcpPort != 0;
  }

  /** The effective loopback choice: explicit, else on unless an advertised address is set. */
  public boolean includesLoopback() {
    return loopbackCandidate.orElse(advertisedAddress.isEmpty());
  }

  /** A copy listening on other ports; for tests and port-conflict fallbacks. */
  public IceConfig withPorts(int newUdpPort, int newTcpPort) {
    return new IceConfig(
        newUdpPort, newTcpPort, bindAddress, advertisedAddress, loopbackCandidate, consentTimeout);
  }

  private static Optional<InetAddress> literal(String name, String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        IpLiterals.parse(value)
            .orElseThrow(
                () -> new IllegalArgumentException(name + " is not an IP literal: " + value)));
  }

  private static void checkPort(String name, int port) {
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException(name + " out of range: " + port);
    }
  }
}
