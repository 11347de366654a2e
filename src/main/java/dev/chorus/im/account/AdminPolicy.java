package dev.chorus.im.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who administers Chorus: the usernames listed in {@code chorus.admins} (comma-separated). Kept in
 * configuration rather than the database so the app server's admin decides, and nobody can make
 * themselves an admin through the API.
 */
@ApplicationScoped
public class AdminPolicy {
  private final Set<String> admins;

  @Inject
  public AdminPolicy(@ConfigProperty(name = "chorus.admins") Optional<List<String>> usernames) {
    this.admins =
        usernames.orElse(List.of()).stream()
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
}
