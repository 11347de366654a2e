package dev.chorus.im.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gives each administrator in {@code chorus.admins} an account at startup. Their usernames are
 * reserved for self-registration, so the first stranger to register one cannot become an admin.
 * With {@code chorus.admin.initial-password} set, a missing admin account is created with it (the
 * admin then changes it with {@code PUT /api/accounts/me/password}); without it, another admin
 * creates the account ({@code POST /api/admin/accounts}). Existing accounts are never touched.
 */
@ApplicationScoped
public class AdminBootstrap {
  private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

  @Inject AdminPolicy admins;
  @Inject AccountService accounts;

  @Inject
  @ConfigProperty(name = "chorus.admin.initial-password")
  Optional<String> initialPassword;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    if (!accounts.localAccountsEnabled()) {
      // No local accounts: the admins named here get their account at their first directory or
      // single sign-on login.
      return;
    }
    for (var username : admins.usernames()) {
      // One admin failing (bad password rule, database hiccup) must not stop the others or the app.
      try {
        ensure(username);
      } catch (RuntimeException e) {
        LOG.log(
            Level.SEVERE, "Could not create the account of administrator '" + username + "'", e);
      }
    }
  }

  private void ensure(String username) {
    if (initialPassword.filter(p -> !p.isEmpty()).isEmpty()) {
      if (accounts.findByUsername(username).isEmpty()) {
        LOG.warning(
            () ->
                "Administrator '"
                    + username
                    + "' has no account. Set chorus.admin.initial-password for its first start,"
                    + " or have another administrator create it (POST /api/admin/accounts).");
      }
      return;
    }
    if (accounts.ensureAdminAccount(username, initialPassword.get())) {
      LOG.info(
          () ->
              "Created the account of administrator '"
                  + username
                  + "' with chorus.admin.initial-password: change that password now.");
    }
  }
}
