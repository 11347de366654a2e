package dev.chorus.im.ldap;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.AuthenticationException;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.PartialResultException;
import javax.naming.SizeLimitExceededException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.LdapName;

/**
 * Checks a username and password against the directory with plain JNDI (Java SE), in the usual
 * search-then-bind way: search the user's entry as the configured bind DN, bind as that entry with
 * the password, then read on the entry whether it is disabled and whether it is in the admin group.
 * Each call opens its own short-lived connections, so no state is shared between logins.
 *
 * <p>The password goes only into the user's bind and is never logged or kept.
 */
public final class LdapDirectory {
  private static final Logger LOG = Logger.getLogger(LdapDirectory.class.getName());

  private static final String NO_SUCH_ENTRY = "cn=chorus-no-such-entry";
  private static final int MAX_USERNAME = 256;
  private static final int MAX_PASSWORD = 1024;

  private final LdapSettings settings;

  public LdapDirectory(LdapSettings settings) {
    this.settings = settings;
  }

  /** A person the directory vouched for. */
  public record DirectoryUser(
      String dn, String subject, String username, String displayName, boolean admin) {}

  /** What the directory said about a username and password. */
  public sealed interface Outcome {}

  /** The password is right and the account may sign in. */
  public record Accepted(DirectoryUser user) implements Outcome {}

  /** Unknown user, several entries for the name, or a wrong password: one answer for all. */
  public record Rejected() implements Outcome {}

  /** The password is right but the entry matches the disabled filter. */
  public record Disabled(String dn) implements Outcome {}

  /** The directory cannot be reached or refuses Chorus's own bind. */
  public static final class UnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Asks the directory.
   *
   * @throws UnavailableException when the directory is down, slow beyond the timeouts, or refuses
   *     the configured bind DN
   */
  public Outcome authenticate(String username, String password) throws UnavailableException {
    // An empty password would make an "unauthenticated bind", which many directories accept.
    // Oversized input is refused before it costs the directory anything.
    if (username == null
        || username.isBlank()
        || username.length() > MAX_USERNAME
        || password == null
        || password.isEmpty()
        || password.length() > MAX_PASSWORD) {
      return new Rejected();
    }
    DirContext service = null;
    try {
      service = connect(settings.bindDn().orElse(null), settings.bindPassword().orElse(null));
      var entry = findUser(service, username.strip());
      if (entry.isEmpty()) {
        // A bind as an entry that does not exist costs the directory a round trip like a wrong
        // password does, so answer times do not tell which usernames the directory knows.
        passwordMatches(NO_SUCH_ENTRY + "," + settings.userBase(), password);
        return new Rejected();
      }
      var found = entry.get();
      var dn = found.getNameInNamespace();
      if (!passwordMatches(dn, password)) {
        return new Rejected();
      }
      if (isDisabled(service, dn)) {
        return new Disabled(dn);
      }
      var attrs = found.getAttributes();
      var name = text(attrs.get(settings.usernameAttribute())).orElse(username.strip());
      var display = text(attrs.get(settings.displayNameAttribute())).orElse(null);
      var subject =
          settings.subjectIsDn()
              ? dn
              : text(attrs.get(settings.subjectAttribute()))
                  .orElseThrow(
                      () ->
                          new NamingException(
                              "the entry "
                                  + dn
                                  + " has no "
                                  + settings.subjectAttribute()
                                  + " (chorus.auth.ldap.subject-attribute)"));
      return new Accepted(new DirectoryUser(dn, subject, name, display, isAdmin(service, dn)));
    } catch (AuthenticationException e) {
      throw unavailable(
          "The directory refused chorus.auth.ldap.bind-dn: check it and its password", e);
    } catch (NamingException e) {
      throw unavailable("The directory could not be asked", e);
    } finally {
      close(service);
    }
  }

  private Optional<SearchResult> findUser(DirContext service, String username)
      throws NamingException {
    var wanted = new ArrayList<String>();
    wanted.add(settings.usernameAttribute());
    wanted.add(settings.displayNameAttribute());
    if (!settings.subjectIsDn()) {
      wanted.add(settings.subjectAttribute());
    }
    var controls = new SearchControls();
    controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
    controls.setCountLimit(2);
    controls.setTimeLimit((int) settings.readTimeout().toMillis());
    controls.setReturningAttributes(wanted.toArray(String[]::new));
    var filter = LdapFilter.format(settings.userFilter(), username);
    var found = new ArrayList<SearchResult>();
    var results = service.search(new LdapName(settings.userBase()), filter, controls);
    try {
      while (results.hasMore()) {
        found.add(results.next());
      }
    } catch (SizeLimitExceededException | PartialResultException more) {
      // More than the two asked for, or a referral Active Directory adds at a domain's root: what
      // was found so far is what counts.
    } finally {
      results.close();
    }
    if (found.size() > 1) {
      LOG.warning(
          () ->
              "Several directory entries match "
                  + filter
                  + " under "
                  + settings.userBase()
                  + ": refusing the login (make chorus.auth.ldap.user-filter match one entry)");
      return Optional.empty();
    }
    return found.stream().findFirst();
  }

  private boolean passwordMatches(String dn, String password) throws NamingException {
    try {
      close(connect(dn, password));
      return true;
    } catch (AuthenticationException wrong) {
      return false;
    }
  }

  private boolean isDisabled(DirContext service, String dn) throws NamingException {
    return settings.disabledFilter().isPresent()
        && matches(service, dn, settings.disabledFilter().get());
  }

  private boolean isAdmin(DirContext service, String dn) throws NamingException {
    if (settings.adminGroupDn().isEmpty()) {
      return false;
    }
    var filter = "(" + settings.groupMemberAttribute() + "=" + LdapFilter.escape(dn) + ")";
    return matches(service, settings.adminGroupDn().get(), filter);
  }

  /** Whether the entry {@code dn} itself matches the filter (a base-object search). */
  private boolean matches(DirContext service, String dn, String filter) throws NamingException {
    var controls = new SearchControls();
    controls.setSearchScope(SearchControls.OBJECT_SCOPE);
    controls.setCountLimit(1);
    controls.setTimeLimit((int) settings.readTimeout().toMillis());
    // "1.1" asks for no attributes. An empty list would make JNDI turn this base-object search
    // into an LDAP compare, which fails with noSuchAttribute on entries without the attribute.
    controls.setReturningAttributes(new String[] {"1.1"});
    try {
      var results = service.search(new LdapName(dn), filter, controls);
      try {
        return results.hasMore();
      } finally {
        results.close();
      }
    } catch (javax.naming.NameNotFoundException gone) {
      return false;
    }
  }

  private DirContext connect(String principal, String credentials) throws NamingException {
    var env = new Hashtable<String, Object>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
    env.put(Context.PROVIDER_URL, settings.url());
    env.put(Context.REFERRAL, "ignore");
    env.put(
        "com.sun.jndi.ldap.connect.timeout", Long.toString(settings.connectTimeout().toMillis()));
    env.put("com.sun.jndi.ldap.read.timeout", Long.toString(settings.readTimeout().toMillis()));
    if (!settings.subjectIsDn()
        && settings.subjectAttribute().toLowerCase(Locale.ROOT).equals("objectguid")) {
      // Active Directory's objectGUID is 16 raw bytes, which JNDI would mangle into a String.
      env.put("java.naming.ldap.attributes.binary", settings.subjectAttribute());
    }
    if (principal == null || principal.isEmpty()) {
      env.put(Context.SECURITY_AUTHENTICATION, "none");
    } else {
      env.put(Context.SECURITY_AUTHENTICATION, "simple");
      env.put(Context.SECURITY_PRINCIPAL, principal);
      env.put(Context.SECURITY_CREDENTIALS, credentials == null ? "" : credentials);
    }
    return new InitialDirContext(env);
  }

  private static Optional<String> text(Attribute attribute) throws NamingException {
    if (attribute == null || attribute.size() == 0) {
      return Optional.empty();
    }
    var value = attribute.get();
    if (value instanceof byte[] bytes) {
      return Optional.of(HexFormat.of().formatHex(bytes));
    }
    var s = String.valueOf(value).strip();
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  private static void close(DirContext ctx) {
    if (ctx != null) {
      try {
        ctx.close();
      } catch (NamingException e) {
        LOG.log(Level.FINE, "closing a directory connection", e);
      }
    }
  }

  private UnavailableException unavailable(String what, NamingException e) {
    // The exception names the server and the LDAP result, never a password.
    LOG.log(Level.WARNING, what + " (" + settings.url() + "): " + e, e);
    return new UnavailableException(what, e);
  }
}
