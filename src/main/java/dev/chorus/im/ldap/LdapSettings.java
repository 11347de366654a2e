package dev.chorus.im.ldap;

import java.time.Duration;
import java.util.Optional;

/**
 * The directory Chorus signs people in with ({@code chorus.auth.ldap.*}, README "Directory sign-in
 * (LDAP)").
 *
 * @param url {@code ldap://host:389} or {@code ldaps://host:636}; several separated by spaces are
 *     tried in turn
 * @param bindDn who Chorus searches as; empty for an anonymous search
 * @param bindPassword that account's password
 * @param userBase where users are searched (whole subtree)
 * @param userFilter finds one user by the typed username, given as {@code {0}} (escaped)
 * @param usernameAttribute the attribute holding the Chorus username of a new account
 * @param displayNameAttribute the attribute holding the display name
 * @param subjectAttribute the attribute with the stable id of the entry ({@code entryUUID}, {@code
 *     objectGUID}), or {@code dn} to use the entry's DN
 * @param disabledFilter matches the users who may not sign in (checked on their own entry)
 * @param adminGroupDn the group whose members are Chorus administrators
 * @param groupMemberAttribute the group's attribute listing members by DN
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer
 */
public record LdapSettings(
    String url,
    Optional<String> bindDn,
    Optional<String> bindPassword,
    String userBase,
    String userFilter,
    String usernameAttribute,
    String displayNameAttribute,
    String subjectAttribute,
    Optional<String> disabledFilter,
    Optional<String> adminGroupDn,
    String groupMemberAttribute,
    Duration connectTimeout,
    Duration readTimeout) {

  public LdapSettings {
    if (!userFilter.contains(LdapFilter.PLACEHOLDER)) {
      throw new IllegalArgumentException(
          "chorus.auth.ldap.user-filter must contain {0} where the username goes, not '"
              + userFilter
              + "'");
    }
  }

  /** Whether the entry's DN is its subject (no attribute to read). */
  boolean subjectIsDn() {
    return "dn".equalsIgnoreCase(subjectAttribute);
  }

  /** Never the bind password: these settings get logged. */
  @Override
  public String toString() {
    return "LdapSettings[url="
        + url
        + ", bindDn="
        + bindDn.orElse("(anonymous)")
        + ", userBase="
        + userBase
        + ", userFilter="
        + userFilter
        + ", disabledFilter="
        + disabledFilter.orElse("(none)")
        + ", adminGroupDn="
        + adminGroupDn.orElse("(none)")
        + "]";
  }
}
