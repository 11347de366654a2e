/**
 * Directory sign-in: a username and password checked against LDAP or Active Directory ({@code
 * chorus.auth.ldap.*}), after which {@code AccountService.signInExternal} creates or syncs the
 * Chorus account.
 *
 * <p>Why plain JNDI ({@code javax.naming}, part of Java SE) and not Jakarta Security's {@code
 * LdapIdentityStoreDefinition}: that identity store answers only "valid, caller name, groups". It
 * returns no attributes, so the display name and the entry's stable id (entryUUID, objectGUID) need
 * a second LDAP search with hand-written code anyway, and so would the "disabled" check. Its
 * settings are annotation values (EL at best) rather than MicroProfile Config keys, and on WildFly
 * it needs the {@code ee-security} Galleon layer (available in WildFly 39, not in the layers the
 * build provisions) plus Elytron's integration: more moving parts on each server for less. The
 * search-then-bind done here is the same algorithm, short, and identical on every server because it
 * uses no server API at all.
 *
 * <p>Depends on {@code im.common}, CDI, MicroProfile Config and {@code javax.naming}.
 */
package dev.chorus.im.ldap;
