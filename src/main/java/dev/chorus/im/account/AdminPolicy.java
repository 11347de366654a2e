package dev.chorus.im.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who administers Chorus: the usernames listed in {@code chorus.admins} (comma-separated). Kept in
 * configuration rather than the database so the app server's admin decides, and nobody can make
 * themselves an admin through the API. These usernames are reserved: nobody can self-register one
 * (see {@link AdminBootstrap} for how their accounts come to exist).
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
