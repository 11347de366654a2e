package dev.chorus.im.ldap;

import dev.chorus.im.common.ForbiddenException;
import dev.chorus.im.common.OverloadedException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Directory sign-in as the login uses it: on when {@code chorus.auth.ldap.url} is set, read from
 * {@code chorus.auth.ldap.*} once, and turning the directory's answers into domain failures.
 */
@ApplicationScoped
public class LdapLogin {
  private static final Logger LOG = Logger.getLogger(LdapLogin.class.getName());
  private static final Duration RETRY = Duration.ofSeconds(5);

  @Inject
  @ConfigProperty(name = "chorus.auth.ldap.url")
  Optional<String> url;

  @Inject
  @ConfigProperty(name = "chorus.auth.ldap.bind-dn")
  Optional<String> bindDn;

  @Inject
  @ConfigProperty(name = "chorus.auth.ldap.bind-password")
  Optional<String> bindPassword;

  @Inject
  @ConfigProperty(name = "chorus.auth.ldap.user-base")
  Optional<String> userBase;

  @Inject
  @ConfigProperty(
      name = "chorus.auth.ldap.user-filter",
      defaultValue = "(&(objectClass=inetOrgPerson)(uid={0}))")
  String userFilter;

  @Inject
  @ConfigProperty(name = "chorus.auth.ldap.username-attribute", defaultValue = "uid")
  String usernameAttribute;

  @Inject
  @ConfigProperty(name = "chorus.auth.ldap.display-name-attribute", defaultValue = "cn")
  String displayNameAttribute;

  @Inject
  @ConfigProperty(name = "chorus.auth.ldap.subject-attribute", defaultValue = "entryUUID")
  String subjectAttribute;

  @Inject
  @ConfigProperty(name = "chorus.auth.ldap.disabled-filter")
  Optional<String> disabledFilter;

  @Inject
  @ConfigProperty(name = "chorus.auth.ldap.admin-group-dn")
  Optional<String> adminGroupDn;

  @Inject
  @ConfigProperty(name = "chorus.auth.ldap.group-member-attribute", defaultValue = "member")
  String groupMemberAttribute;

  @Inject
  @ConfigProperty(name = "chorus.auth.ldap.connect-timeout", defaultValue = "PT5S")
  Duration connectTimeout;

  @Inject
  @ConfigProperty(name = "chorus.auth.ldap.read-timeout", defaultValue = "PT10S")
  Duration readTimeout;

  private LdapDirectory directory;

  @PostConstruct
  void init() {
    var location = url.map(String::strip).filter(u -> !u.isEmpty());
    if (location.isEmpty()) {
      return;
    }
    var base =
        userBase
            .map(String::strip)
            .filter(b -> !b.isEmpty())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "chorus.auth.ldap.url is set, so chorus.auth.ldap.user-base must be too"));
    var settings =
        new LdapSettings(
            location.get(),
            nonBlank(bindDn),
            bindPassword.filter(p -> !p.isEmpty()),
            base,
            userFilter.strip(),
            usernameAttribute.strip(),
            displayNameAttribute.strip(),
            subjectAttribute.strip(),
            nonBlank(disabledFilter),
            nonBlank(adminGroupDn),
            groupMemberAttribute.strip(),
            connectTimeout,
            readTimeout);
    directory = new LdapDirectory(settings);
    LOG.info(() -> "Directory sign-in is on: " + settings);
  }

  /** Reads the settings at startup, so a broken configuration fails the deployment, not logins. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    enabled();
  }

  /** Whether directory sign-in is configured ({@code chorus.auth.ldap.url}). */
  public boolean enabled() {
    return directory != null;
  }

  /**
   * The directory's person for this username and password, or empty for an unknown user or a wrong
   * password (the caller answers both alike).
   *
   * @throws ForbiddenException {@code account_disabled} when the password is right but the entry
   *     matches {@code chorus.auth.ldap.disabled-filter}
   * @throws OverloadedException when the directory cannot be asked right now
   * @throws IllegalStateException if directory sign-in is off
   */
  public Optional<LdapDirectory.DirectoryUser> authenticate(String username, String password) {
    if (directory == null) {
      throw new IllegalStateException("directory sign-in is off (chorus.auth.ldap.url)");
    }
    LdapDirectory.Outcome outcome;
    try {
      outcome = directory.authenticate(username, password);
    } catch (LdapDirectory.UnavailableException e) {
      throw new OverloadedException(
          "The directory cannot be reached right now. Try again in a few seconds.", RETRY);
    }
    if (outcome instanceof LdapDirectory.Accepted accepted) {
      return Optional.of(accepted.user());
    }
    if (outcome instanceof LdapDirectory.Disabled disabled) {
      LOG.info(() -> "Refused the login of disabled directory entry " + disabled.dn());
      throw new ForbiddenException(
          "account_disabled",
          "Your directory account is disabled, so it cannot sign in to Chorus.");
    }
    return Optional.empty();
  }

  private static Optional<String> nonBlank(Optional<String> value) {
    return value.map(String::strip).filter(v -> !v.isEmpty());
  }
}
