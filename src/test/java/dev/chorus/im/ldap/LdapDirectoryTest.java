package dev.chorus.im.ldap;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What is refused before the directory is asked (the directory here is a closed port, so asking it
 * would fail as unavailable), and what an unreachable directory gives. The rest is LdapIT, against
 * a real OpenLDAP.
 */
class LdapDirectoryTest {
  private static LdapDirectory directoryAtAClosedPort() throws IOException {
    int port;
    try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    return new LdapDirectory(
        new LdapSettings(
            "ldap://127.0.0.1:" + port,
            Optional.of("cn=chorus,dc=test"),
            Optional.of("service-secret"),
            "ou=people,dc=test",
            "(uid={0})",
            "uid",
            "cn",
            "entryUUID",
            Optional.empty(),
            Optional.empty(),
            "member",
            Duration.ofSeconds(2),
            Duration.ofSeconds(2)));
  }

  @Test
  void anEmptyPasswordIsNeverSentAsAnUnauthenticatedBind() throws Exception {
    var directory = directoryAtAClosedPort();
    assertInstanceOf(LdapDirectory.Rejected.class, directory.authenticate("bob", ""));
    assertInstanceOf(LdapDirectory.Rejected.class, directory.authenticate("bob", null));
    assertInstanceOf(LdapDirectory.Rejected.class, directory.authenticate("  ", "secret"));
    assertInstanceOf(
        LdapDirectory.Rejected.class, directory.authenticate("b".repeat(257), "secret"));
    assertInstanceOf(LdapDirectory.Rejected.class, directory.authenticate("bob", "p".repeat(1025)));
  }

  @Test
  void anUnreachableDirectoryIsUnavailableNotAWrongPassword() throws Exception {
    var directory = directoryAtAClosedPort();
    assertThrows(
        LdapDirectory.UnavailableException.class, () -> directory.authenticate("bob", "secret"));
  }
}
