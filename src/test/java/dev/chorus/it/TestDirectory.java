package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;

/**
 * The test company's directory: people (each with the password {@code <uid>-directory-pw}; carol
 * disabled by {@code employeeType}), an admin group holding alice, and the service account Chorus
 * binds with; {@link #settings} are the {@code chorus.auth.ldap.*} keys that point Chorus at it.
 * Shared by LdapIT and the application-server tests.
 */
public final class TestDirectory {
  public static final String PEOPLE = "ou=people," + Slapd.SUFFIX;
  public static final String ADMINS = "cn=chorus-admins,ou=groups," + Slapd.SUFFIX;

  private TestDirectory() {}

  /**
   * A new OpenLDAP in {@code dir} (emptied first: a run before may have left one) with the test
   * directory.
   */
  public static Slapd start(Path dir) {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (var p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Slapd.start(dir, ldif());
  }

  /** The configuration that signs users in against {@code slapd}. */
  public static Map<String, String> settings(Slapd slapd) {
    return Map.of(
        "chorus.auth.ldap.url",
        slapd.url(),
        "chorus.auth.ldap.bind-dn",
        "cn=chorus,ou=services," + Slapd.SUFFIX,
        "chorus.auth.ldap.bind-password",
        "service-secret",
        "chorus.auth.ldap.user-base",
        PEOPLE,
        "chorus.auth.ldap.display-name-attribute",
        "displayName",
        "chorus.auth.ldap.disabled-filter",
        "(employeeType=disabled)",
        "chorus.auth.ldap.admin-group-dn",
        ADMINS);
  }

  /**
   * A directory user signs in with the directory password, and Chorus creates their account from
   * the directory entry: the check the application-server tests make.
   */
  public static void assertSignsIn(TestClient client) {
    var login = client.login("bob", "bob-directory-pw");
    assertEquals(201, login.status(), login.text());
    var account = login.json().getJsonObject("account");
    assertEquals("Bob Builder", account.getString("displayName"));
    assertEquals("ldap", account.getString("origin"));
  }

  private static String ldif() {
    var ldif = new StringBuilder();
    ldif.append(
        """
        dn: dc=chorus,dc=test
        objectClass: dcObject
        objectClass: organization
        o: Chorus test
        dc: chorus

        dn: ou=people,dc=chorus,dc=test
        objectClass: organizationalUnit
        ou: people

        dn: ou=groups,dc=chorus,dc=test
        objectClass: organizationalUnit
        ou: groups

        dn: ou=services,dc=chorus,dc=test
        objectClass: organizationalUnit
        ou: services

        dn: cn=chorus,ou=services,dc=chorus,dc=test
        objectClass: organizationalRole
        objectClass: simpleSecurityObject
        cn: chorus
        userPassword: service-secret

        """);
    person(ldif, "alice", "Alice Admin", false);
    person(ldif, "bob", "Bob Builder", false);
    person(ldif, "carol", "Carol Disabled", true);
    person(ldif, "dave", "Dave Deleted", false);
    person(ldif, "erin", "Erin First", false);
    person(ldif, "frank", "Frank Member", false);
    person(ldif, "gus", "Gus Guessed", false);
    person(ldif, "hank", "Hank Hammered", false);
    person(ldif, "ivan", "Ivan Immutable", false);
    person(ldif, "judy", "Judy Taken", false);
    ldif.append(
        """
        dn: cn=chorus-admins,ou=groups,dc=chorus,dc=test
        objectClass: groupOfNames
        cn: chorus-admins
        member: uid=alice,ou=people,dc=chorus,dc=test
        member: uid=frank-not-really,ou=people,dc=chorus,dc=test

        """);
    return ldif.toString();
  }

  private static void person(StringBuilder ldif, String uid, String displayName, boolean off) {
    ldif.append("dn: uid=")
        .append(uid)
        .append(",ou=people,dc=chorus,dc=test\n")
        .append("objectClass: inetOrgPerson\n")
        .append("uid: ")
        .append(uid)
        .append("\ncn: ")
        .append(displayName)
        .append("\nsn: ")
        .append(displayName.substring(displayName.indexOf(' ') + 1))
        .append("\ndisplayName: ")
        .append(displayName)
        .append("\nuserPassword: ")
        .append(uid)
        .append("-directory-pw\n");
    if (off) {
      ldif.append("employeeType: disabled\n");
    }
    ldif.append('\n');
  }
}
