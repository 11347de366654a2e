package dev.chorus.im.account;

import dev.chorus.im.common.ForbiddenException;
import dev.chorus.im.common.ThrottledException;
import dev.chorus.im.common.TokenBuckets;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may register right now: the registration mode, and two token buckets, one per client address
 * and one for the whole server, so neither one script nor many can turn sign-up into a CPU sink.
 */
@ApplicationScoped
public class RegistrationGate {
  /** Client addresses tracked at once; beyond that, new addresses wait for buckets to refill. */
  static final int MAX_CLIENTS = 100_000;

  private static final double SECONDS_PER_HOUR = 3600.0;

  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "chorus.registration.mode", defaultValue = "open")
  String modeName;

  @Inject
  @ConfigProperty(name = "chorus.registration.per-client.burst", defaultValue = "10")
  int perClientBurst;

  @Inject
  @ConfigProperty(name = "chorus.registration.per-client.per-hour", defaultValue = "30")
  double perClientPerHour;

  @Inject
  @ConfigProperty(name = "chorus.registration.global.burst", defaultValue = "30")
  int globalBurst;

  @Inject
  @ConfigProperty(name = "chorus.registration.global.per-hour", defaultValue = "600")
  double globalPerHour;

  private RegistrationMode mode;
  private TokenBuckets perClient;
  private TokenBuckets global;

  /** For tests: a gate with these settings. */
  static RegistrationGate of(
      RegistrationMode mode,
      int perClientBurst,
      double perClientPerHour,
      int globalBurst,
      double globalPerHour,
      Clock clock) {
    var gate = new RegistrationGate();
    gate.configure(mode, perClientBurst, perClientPerHour, globalBurst, globalPerHour, clock);
    return gate;
  }

  @PostConstruct
  void init() {
    configure(
        RegistrationMode.parse(modeName),
        perClientBurst,
        perClientPerHour,
        globalBurst,
        globalPerHour,
        clock);
  }

  private void configure(
      RegistrationMode mode,
      int perClientBurst,
      double perClientPerHour,
      int globalBurst,
      double globalPerHour,
      Clock clock) {
    this.mode = mode;
    this.perClient =
        new TokenBuckets(perClientBurst, perClientPerHour / SECONDS_PER_HOUR, MAX_CLIENTS, clock);
    this.global = new TokenBuckets(globalBurst, globalPerHour / SECONDS_PER_HOUR, 1, clock);
  }

  public RegistrationMode mode() {
    return mode;
  }

  /**
   * Refuses self-registration the mode does not allow.
   *
   * @throws ForbiddenException {@code registration_closed} or {@code invite_required}
   */
  public void requireOpen(boolean hasInvite) {
    switch (mode) {
      case CLOSED ->
          throw new ForbiddenException(
              "registration_closed",
              "Registration is closed on this server: ask an administrator to create your"
                  + " account.");
      case INVITE -> {
        if (!hasInvite) {
          throw new ForbiddenException(
              "invite_required",
              "Registration on this server needs an invite code from an administrator.");
        }
      }
      case OPEN -> {
        // anyone
      }
    }
  }

  /**
   * Takes one registration from the client's budget and the server's.
   *
   * @throws ThrottledException if either is spent (the client's is checked first, and is not
   *     charged when the server's is what refuses)
   */
  public void admit(String clientAddress) {
    var key = clientAddress == null ? "" : clientAddress;
    var clientWait = perClient.tryTake(key);
    if (clientWait.isPresent()) {
      throw new ThrottledException(
          "Too many new accounts from your address. Try again in "
              + ThrottledException.seconds(clientWait.get())
              + " seconds.",
          clientWait.get());
    }
    var globalWait = global.tryTake("");
    if (globalWait.isPresent()) {
      perClient.giveBack(key);
      throw new ThrottledException(
          "Too many new accounts are being created right now. Try again in "
              + ThrottledException.seconds(globalWait.get())
              + " seconds.",
          globalWait.get());
    }
  }

  /** Returns what {@link #admit} took, when the registration failed for another reason. */
  public void giveBack(String clientAddress) {
    perClient.giveBack(clientAddress == null ? "" : clientAddress);
    global.giveBack("");
  }
}
