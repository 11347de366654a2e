package dev.chorus.im.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who administers Chorus: the usernames listed in {@code chorus.admins} (comma-separated), external
 * accounts whose directory or identity provider said so at their last sign-in (e.g. the LDAP admin
 * group; re-evaluated at each sign-in), and accounts another administrator made one through the
 * admin API ({@link Account#grantedAdmin()}). A disabled or deleted account administers nothing.
 * Only the API grants can be revoked through the API; configuration and directory stay the
 * operator's. The configured usernames are reserved: nobody can self-register one (see {@link
 * AdminBootstrap} for how their accounts come to exist).
 */
@ApplicationScoped
public class AdminPolicy {
  private final Set<String> admins;

  @Inject
  public AdminPolicy(@ConfigProperty(name = "chorus.admins") Optional<String> usernames) {
    // A comma-separated string: Payara cannot inject Optional<List<String>>.
    this.admins =
        usernames.stream()
            .flatMap(s -> Arrays.stream(s.split(",")))
            .map(AccountRules::normalizeUsername)
            .filter(u -> u != null && !u.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
  }

  /** CDI needs a no-argument constructor for the client proxy. */
  protected AdminPolicy() {
    this.admins = Set.of();
  }

  public boolean isAdmin(Account account) {
    return !account.isDisabled()
        && (isConfigured(account) || account.externalAdmin() || account.grantedAdmin());
  }

  /** Whether {@code chorus.admins} names this account (the admin API cannot take that away). */
  public boolean isConfigured(Account account) {
    return admins.contains(account.username());
  }

  /** Whether this (normalised) username belongs to an administrator, account or not. */
  public boolean isReserved(String username) {
    return admins.contains(username);
  }

  /** The configured administrator usernames, normalised. */
  public Set<String> usernames() {
    return admins;
  }
}
